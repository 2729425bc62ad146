package io.hirestream.offer.topology;

import io.hirestream.events.OfferDecision;
import io.hirestream.events.OfferExtended;
import io.hirestream.offer.domain.Decisions;
import io.hirestream.offer.domain.OfferCase;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies recruiters' decisions in the order of the decisions topic; one that no longer applies (to
 * an offer already extended or withdrawn) changes nothing and is remembered as refused, so that of
 * two racing approvals exactly one extends the offer and the other's request learns it lost.
 * Approval emits the offered event.
 */
final class DecisionApplier implements Processor<String, OfferDecision, String, OfferExtended> {

    private ProcessorContext<String, OfferExtended> context;
    private KeyValueStore<String, OfferCase> offers;

    @Override
    public void init(ProcessorContext<String, OfferExtended> context) {
        this.context = context;
        this.offers = context.getStateStore(OfferTopology.OFFERS_STORE);
    }

    @Override
    public void process(Record<String, OfferDecision> record) {
        OfferDecision decision = record.value();
        if (decision == null) {
            return;
        }
        OfferCase offer = offers.get(record.key());
        if (offer == null) {
            // The HTTP API only writes decisions for a drafted offer, so this is a record from elsewhere.
            throw new IllegalStateException("no offer for application " + record.key());
        }
        OfferCase next = Decisions.apply(offer, decision.getAction().name(), decision.getBaseSalary(),
                decision.getDecidedAt().toEpochMilli(), decision.getDecidedBy());
        boolean applied = next != offer;
        // The outcome is kept either way: the request that wrote the decision waits for it (read your decision).
        offers.put(record.key(), next.withOutcome(decision.getDecisionId(), applied ? OfferCase.APPLIED : OfferCase.REFUSED));
        if (applied && OfferCase.EXTENDED.equals(next.status())) {
            context.forward(new Record<>(record.key(), Offers.extended(next), next.decidedAt()));
        }
    }
}
