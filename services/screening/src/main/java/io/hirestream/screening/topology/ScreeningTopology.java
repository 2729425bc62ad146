package io.hirestream.screening.topology;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.serde.AvroSerdes;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;

/**
 * The screening topology: every applied event meets its requisition (a global table of the
 * requisitions topic, so any task can see any requisition, and changes arrive as they happen)
 * and becomes one screened event. Each application is screened once: a redelivered or replayed
 * applied event finds its application already decided and yields nothing. An event whose
 * requisition is not known yet waits, and is screened when it arrives or rejected as
 * REQUISITION_UNKNOWN after {@code requisitionWait}.
 */
public final class ScreeningTopology {

    public static final String REQUISITIONS_STORE = "screening-requisitions";
    public static final String DECIDED_STORE = "screening-decided";
    public static final String WAITING_STORE = "screening-waiting";

    private ScreeningTopology() {
    }

    public static KStream<String, ApplicationSubmitted> build(StreamsBuilder builder, Duration requisitionWait,
                                                              Map<String, ?> clientConfigs) {
        builder.globalTable(Topics.REQUISITIONS.name(),
                Consumed.with(Serdes.String(), Topics.REQUISITIONS.valueSerde(clientConfigs)).withName("requisitions"),
                Materialized.as(REQUISITIONS_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DECIDED_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WAITING_STORE),
                Serdes.String(), AvroSerdes.stateSerde(ApplicationSubmitted.class)));

        KStream<String, ApplicationSubmitted> applied = builder.stream(Topics.APPLIED.name(),
                Consumed.with(Serdes.String(), Topics.APPLIED.valueSerde(clientConfigs)).withName("applied"));
        applied.process(() -> new ScreeningProcessor(requisitionWait), Named.as("screening"), DECIDED_STORE, WAITING_STORE)
                .to(Topics.SCREENED.name(), Produced.<String, ApplicationScreened>with(Serdes.String(),
                        Topics.SCREENED.valueSerde(clientConfigs)).withName("screened"));
        return applied;
    }
}
