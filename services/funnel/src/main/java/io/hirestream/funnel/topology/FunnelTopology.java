package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.ApplicationEvent;
import io.hirestream.funnel.domain.Slice;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.streams.ObjectStore;
import io.hirestream.streams.WriteBackStoreBuilder;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The funnel topology, built by one function that the service and the tests both call.
 *
 * <pre>
 *  applied, screened,    in place  ┌───────────────────────────┐  parts of rows  ┌──────────────────────────┐
 *  interviewed, offered ─────────► │ applications (per task)   │ ──────────────► │ rows (per row)           │ ───► hiring.funnel.metrics.v1
 *  (co-partitioned by    │         │ funnel-applications       │  every emit     │ funnel-row-parts         │      (whole rows)
 *   applicationId)       │ else-   │ funnel-sent-rows          │  interval       │ funnel-rows (derived)    │
 *                        │ where   └───────────────────────────┘                 └──────────────────────────┘
 *                        └──► funnel-placed-events ──┘   │ live parts                       │ changelog of funnel-row-parts
 *                             (by applicationId)         ▼                                  ▼
 *                                       FunnelView, per instance: live parts of its own partitions,
 *                                       published parts of every other partition; what queries read
 * </pre>
 *
 * An application counts in its (role, location) row and in two slices of it, its cohort week and
 * its source, and by what its candidate declared ({@link io.hirestream.funnel.domain.ApplicationState#rows});
 * slices travel the same way as rows and are published whole to {@code hiring.funnel.cohorts.v1},
 * except those by declaration, of which only the sums per group of each grouping (the
 * adverse-impact check's counts, small groups suppressed) go to {@code hiring.funnel.fairness.v1}.
 *
 * The stage topics share their key and partition count, so each task sees every event of its
 * applications: where Java's client put them. A record any other producer put on another
 * partition (librdkafka's default partitioner, a partition chosen by hand) is moved to its
 * application's partition through one repartition topic ({@code funnel-placed-events}); the rest,
 * all of hirestream's own, go straight. Each task keeps its partition's part of every row, and
 * only those parts (a few per row per interval) cross the repartition topic to be combined. Each
 * instance's {@link FunnelView} sums its own tasks' live parts and every other partition's parts
 * as the row-parts changelog holds them, so an event's effect is visible on the instance that
 * processed it at once, and on the others once its part is published.
 */
public final class FunnelTopology {

    /**
     * The Kafka Streams settings the topology is designed for, which the service and the benchmark
     * both apply: the numbers do not depend on the order events arrive in, so a task processes what
     * it has without waiting for all its partitions to have data in timestamp order (waiting also
     * cost a tenth of the stream thread's CPU, spent checking every input partition before each
     * batch); changelog values repeat roles and locations, and compressing them halves what the
     * broker writes; the store on disk filters its memtables' keys ({@link RocksDbSettings}).
     */
    public static Map<String, Object> streamsSettings() {
        return Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED,
                StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4",
                StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbSettings.class);
    }

    public static final String APPLICATIONS_STORE = "funnel-applications";
    /** The rows each partition has sent a part of: so that a restart can empty a part whose last application moved away. */
    static final String SENT_ROWS_STORE = "funnel-sent-rows";
    public static final String ROW_PARTS_STORE = "funnel-row-parts";
    public static final String ROWS_STORE = "funnel-rows";
    static final String ROWS_REPARTITION = "funnel-row-parts";
    static final String PLACED_REPARTITION = "funnel-placed-events";

    private FunnelTopology() {
    }

    /**
     * How instances hand each other an application ({@code /api/applications/{id}} on a peer): its
     * events only, never what its candidate declared, which no route shows per person.
     */
    public static org.apache.kafka.common.serialization.Serde<io.hirestream.funnel.domain.ApplicationState> applicationSerde() {
        return StateSerdes.applicationStateUndeclared();
    }

    /**
     * @param builder       the builder to add the topology to
     * @param emitInterval  how often each task sends its changed parts of rows on
     * @param clientConfigs registry settings for the Avro serdes
     * @param stagePartitions the stage topics' partition count, asked for when a task starts
     * @param view          where the tasks keep their live parts of the rows, for queries
     * @param catchUp       when the tasks commit: every fresh-commit interval while caught up, else at
     *                      {@code commit.interval.ms}
     * @param minimumGroupSize groups of the adverse-impact check with fewer applications are published suppressed
     * @return the stream of stage events the topology starts from
     */
    public static KStream<String, ApplicationEvent> build(StreamsBuilder builder, Duration emitInterval, Map<String, ?> clientConfigs,
                                                    IntSupplier stagePartitions, FunnelView view, CatchUp catchUp,
                                                    int minimumGroupSize) {
        builder.addStateStore(new WriteBackStoreBuilder<>(Stores.persistentKeyValueStore(APPLICATIONS_STORE),
                StateSerdes.applicationId(), StateSerdes.applicationState()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SENT_ROWS_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(new WriteBackStoreBuilder<>(Stores.inMemoryKeyValueStore(ROW_PARTS_STORE),
                Serdes.String(), StateSerdes.counts()));
        builder.addStateStore(ObjectStore.<String, FunnelCounts>builder(ROWS_STORE));

        // The stage topics and candidates' self-identification share key and partition count.
        KStream<String, ApplicationEvent> events = builder.stream(
                java.util.stream.Stream.concat(Topics.APPLICATION_EVENTS.stream(), java.util.stream.Stream.of(Topics.SELF_IDENTIFICATIONS))
                        .map(Topic::name).toList(),
                Consumed.with(Serdes.String(), StageEvents.serde(clientConfigs))
                        // Arrival order, not record time: the numbers do not depend on order, and a
                        // replay of old events must not hold fresh ones back behind it.
                        .withTimestampExtractor(new WallclockTimestampExtractor())
                        .withName("application-events"));
        KStream<String, ApplicationEvent> moved = events
                .processValues(() -> new OnOwnerPartition(stagePartitions, false), Named.as("elsewhere"))
                .repartition(Repartitioned.<String, ApplicationEvent>as(PLACED_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(StateSerdes.applicationEvent())
                        .withStreamPartitioner((topic, key, event, partitions) ->
                                Optional.of(Set.of(OnOwnerPartition.owner(key, partitions)))));
        events.processValues(() -> new OnOwnerPartition(stagePartitions, true), Named.as("in-place"))
                .merge(moved, Named.as("owned"))
                .process(() -> new ApplicationFunnelProcessor(emitInterval, view, catchUp),
                        Named.as("applications"), APPLICATIONS_STORE, SENT_ROWS_STORE)
                .repartition(Repartitioned.<String, PartialRow>as(ROWS_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(StateSerdes.partialRow())
                        .withStreamPartitioner(RowCombiner::partitionOf))
                .process(() -> new RowCombiner(emitInterval, catchUp, minimumGroupSize), Named.as("rows"), ROW_PARTS_STORE, ROWS_STORE)
                .split(Named.as("published-"))
                .branch((key, published) -> published.grouping() != null, Branched.withConsumer(fairness -> fairness
                        .mapValues(published -> published.gone() ? null
                                : FunnelMetricsMapper.toFairness(published, minimumGroupSize), Named.as("as-fairness"))
                        .to(Topics.FUNNEL_FAIRNESS.name(), Produced.with(Serdes.String(),
                                Topics.FUNNEL_FAIRNESS.valueSerde(clientConfigs)).withName("funnel-fairness")), "fairness"))
                .branch((key, published) -> published.row().slice() == null, Branched.withConsumer(rows -> rows
                        .mapValues(published -> published.gone() ? null
                                : FunnelMetricsMapper.toMetrics(published.row(), published.counts(), published.asOf()), Named.as("as-metrics"))
                        .to(Topics.FUNNEL_METRICS.name(), Produced.with(Serdes.String(),
                                Topics.FUNNEL_METRICS.valueSerde(clientConfigs)).withName("funnel-metrics")), "rows"))
                .branch((key, published) -> published.row().slice().dimension() != Slice.Dimension.DECLARATION,
                        Branched.withConsumer(cohorts -> cohorts
                        .mapValues(published -> published.gone() ? null
                                : FunnelMetricsMapper.toCohortMetrics(published.row(), published.counts(), published.asOf()),
                                Named.as("as-cohort-metrics"))
                        .to(Topics.FUNNEL_COHORTS.name(), Produced.with(Serdes.String(),
                                Topics.FUNNEL_COHORTS.valueSerde(clientConfigs)).withName("funnel-cohorts")), "cohorts"))
                // Slices by declaration are published only summed by group (above), never one by one.
                .noDefaultBranch();
        return events;
    }
}
