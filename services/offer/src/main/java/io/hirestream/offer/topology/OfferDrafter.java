package io.hirestream.offer.topology;

import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Outcome;
import io.hirestream.events.Requisition;
import io.hirestream.offer.domain.Band;
import io.hirestream.offer.domain.OfferCase;
import io.hirestream.offer.domain.OfferRules;
import org.apache.kafka.streams.processor.api.Processor;

import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Drafts an offer for each application that passed the interview, once; extends it at once under auto-approve. */
final class OfferDrafter implements Processor<String, InterviewCompleted, String, OfferExtended> {

    private final boolean autoApprove;
    private ProcessorContext<String, OfferExtended> context;
    private KeyValueStore<String, Integer> applicants;
    private KeyValueStore<String, OfferCase> offers;
    private TimestampedKeyValueStore<String, Requisition> requisitions;

    OfferDrafter(boolean autoApprove) {
        this.autoApprove = autoApprove;
    }

    @Override
    public void init(ProcessorContext<String, OfferExtended> context) {
        this.context = context;
        this.applicants = context.getStateStore(OfferTopology.APPLICANTS_STORE);
        this.offers = context.getStateStore(OfferTopology.OFFERS_STORE);
        this.requisitions = context.getStateStore(OfferTopology.REQUISITIONS_STORE);
    }

    @Override
    public void process(Record<String, InterviewCompleted> record) {
        InterviewCompleted interviewed = record.value();
        if (interviewed == null || interviewed.getOutcome() != Outcome.PASSED || offers.get(record.key()) != null) {
            return;
        }
        ValueAndTimestamp<Requisition> found = requisitions.get(interviewed.getRequisitionId());
        if (found == null) {
            throw new IllegalStateException("no requisition " + interviewed.getRequisitionId() + " to draft an offer for "
                    + record.key() + " from");
        }
        Requisition requisition = found.value();
        Band band = new Band(requisition.getSalaryMin(), requisition.getSalaryMax(), requisition.getCurrency(),
                requisition.getRequirements().getMinYearsOfExperience());
        Integer years = applicants.get(record.key());
        // Without an applied event (an imported interview), the drafting rule starts from the requisition's minimum.
        int experience = years == null ? band.minYearsOfExperience() : years;
        var proposed = OfferRules.propose(band, experience);
        long now = context.currentSystemTimeMs();
        OfferCase draft = new OfferCase(record.key(), interviewed.getRequisitionId(), interviewed.getRole(),
                interviewed.getLocation(), band.currency(), band.min(), band.max(), experience, proposed, proposed,
                OfferCase.DRAFT, now, 0, null, Map.of());
        if (autoApprove) {
            OfferCase extended = draft.decided(OfferCase.EXTENDED, proposed, Math.max(now,
                    interviewed.getOccurredAt().toEpochMilli()), Offers.AUTO_APPROVE);
            offers.put(record.key(), extended);
            context.forward(new Record<>(record.key(), Offers.extended(extended), now));
        } else {
            offers.put(record.key(), draft);
        }
    }
}
