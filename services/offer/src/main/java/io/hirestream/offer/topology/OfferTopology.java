package io.hirestream.offer.topology;

import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferDecision;
import io.hirestream.events.OfferExtended;
import io.hirestream.offer.domain.OfferCase;
import io.hirestream.service.streams.JsonSerde;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * The offer topology: applied events leave each applicant's experience; an interviewed PASSED
 * event drafts the application's offer inside its requisition's band (a global table of the
 * requisitions); recruiters' decisions, which the HTTP API writes to the decisions topic,
 * adjust, approve or withdraw it, and approval emits the offered event. With auto-approve on
 * (for demos) a draft is extended at once. Applied, interviewed and decisions topics share key
 * and partition count, so one task holds each application.
 */
public final class OfferTopology {

    public static final String OFFERS_STORE = "offer-cases";
    public static final String APPLICANTS_STORE = "offer-applicants";
    public static final String REQUISITIONS_STORE = "offer-requisitions";

    private OfferTopology() {
    }

    public static KStream<String, InterviewCompleted> build(StreamsBuilder builder, boolean autoApprove,
                                                            Map<String, ?> clientConfigs) {
        builder.globalTable(Topics.REQUISITIONS.name(),
                Consumed.with(Serdes.String(), Topics.REQUISITIONS.valueSerde(clientConfigs)).withName("requisitions"),
                Materialized.as(REQUISITIONS_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(APPLICANTS_STORE),
                Serdes.String(), Serdes.Integer()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OFFERS_STORE),
                Serdes.String(), JsonSerde.of(OfferCase.class)));
        Serde<OfferExtended> offered = Topics.OFFERED.valueSerde(clientConfigs);

        builder.stream(Topics.APPLIED.name(),
                        Consumed.<String, ApplicationSubmitted>with(Serdes.String(), Topics.APPLIED.valueSerde(clientConfigs))
                                .withName("applied"))
                .process(ApplicantRecorder::new, Named.as("record-applicants"), APPLICANTS_STORE);
        KStream<String, InterviewCompleted> interviewed = builder.stream(Topics.INTERVIEWED.name(),
                Consumed.with(Serdes.String(), Topics.INTERVIEWED.valueSerde(clientConfigs)).withName("interviewed"));
        interviewed.process(() -> new OfferDrafter(autoApprove), Named.as("draft-offers"), APPLICANTS_STORE, OFFERS_STORE)
                .to(Topics.OFFERED.name(), Produced.with(Serdes.String(), offered).withName("offered-automatically"));
        builder.stream(Topics.OFFER_DECISIONS.name(),
                        Consumed.<String, OfferDecision>with(Serdes.String(), Topics.OFFER_DECISIONS.valueSerde(clientConfigs))
                                .withName("decisions"))
                .process(DecisionApplier::new, Named.as("apply-decisions"), OFFERS_STORE)
                .to(Topics.OFFERED.name(), Produced.with(Serdes.String(), offered).withName("offered"));
        return interviewed;
    }
}
