package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.streams.ObjectStore;
import io.hirestream.streams.WriteBackStoreBuilder;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;

/**
 * The funnel topology, built by one function that the service and the tests both call.
 *
 * <pre>
 *  applied, screened,         ┌───────────────────────────┐  parts of rows  ┌──────────────────────────┐
 *  interviewed, offered  ───► │ applications (per task)   │ ──────────────► │ rows (per row)           │ ───► hiring.funnel.metrics.v1
 *  (co-partitioned by         │ funnel-applications       │  every emit     │ funnel-row-parts         │      (whole rows)
 *   applicationId)            │ funnel-partials (derived) │  interval       │ funnel-rows (derived)    │
 *                             └───────────────────────────┘                 └──────────────────────────┘
 * </pre>
 *
 * No event is repartitioned: the stage topics share their key and partition count, so each task
 * sees every event of its applications. Each task keeps its partition's part of every row, and
 * only those parts (a few per row per interval) cross the repartition topic to be combined. The
 * HTTP API reads the parts directly, so an event's effect is visible as soon as its task has
 * processed it.
 */
public final class FunnelTopology {

    public static final String APPLICATIONS_STORE = "funnel-applications";
    public static final String PARTIALS_STORE = "funnel-partials";
    public static final String ROW_PARTS_STORE = "funnel-row-parts";
    public static final String ROWS_STORE = "funnel-rows";
    static final String ROWS_REPARTITION = "funnel-row-parts";

    private FunnelTopology() {
    }

    /**
     * @param builder       the builder to add the topology to
     * @param emitInterval  how often each task sends its changed parts of rows on
     * @param clientConfigs registry settings for the Avro serdes
     * @return the stream of stage events the topology starts from
     */
    public static KStream<String, StageEvent> build(StreamsBuilder builder, Duration emitInterval, Map<String, ?> clientConfigs) {
        builder.addStateStore(new WriteBackStoreBuilder<>(Stores.persistentKeyValueStore(APPLICATIONS_STORE),
                StateSerdes.applicationId(), StateSerdes.applicationState()));
        builder.addStateStore(ObjectStore.<RowKey, FunnelCounts>builder(PARTIALS_STORE));
        builder.addStateStore(new WriteBackStoreBuilder<>(Stores.inMemoryKeyValueStore(ROW_PARTS_STORE),
                Serdes.String(), StateSerdes.counts()));
        builder.addStateStore(ObjectStore.<String, FunnelCounts>builder(ROWS_STORE));

        KStream<String, StageEvent> events = builder.stream(
                Topics.APPLICATION_EVENTS.stream().map(Topic::name).toList(),
                Consumed.with(Serdes.String(), StageEvents.serde(clientConfigs))
                        // Arrival order, not record time: the numbers do not depend on order, and a
                        // replay of old events must not hold fresh ones back behind it.
                        .withTimestampExtractor(new WallclockTimestampExtractor())
                        .withName("application-events"));
        events.process(() -> new ApplicationFunnelProcessor(emitInterval),
                        org.apache.kafka.streams.kstream.Named.as("applications"), APPLICATIONS_STORE, PARTIALS_STORE)
                .repartition(Repartitioned.<String, PartialRow>as(ROWS_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(StateSerdes.partialRow()))
                .process(() -> new RowCombiner(emitInterval), org.apache.kafka.streams.kstream.Named.as("rows"), ROW_PARTS_STORE, ROWS_STORE)
                .to(Topics.FUNNEL_METRICS.name(), Produced.with(Serdes.String(), Topics.FUNNEL_METRICS.valueSerde(clientConfigs))
                        .withName("funnel-metrics"));
        return events;
    }
}
