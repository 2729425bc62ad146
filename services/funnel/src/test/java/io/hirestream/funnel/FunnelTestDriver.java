package io.hirestream.funnel;

import io.hirestream.testkit.UnitTestRegistry;
import io.hirestream.testkit.ServiceStreamsSettings;
import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSource;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Degree;
import io.hirestream.events.FunnelMetrics;
import io.hirestream.events.FunnelCohortMetrics;
import io.hirestream.events.FunnelFairness;
import io.hirestream.events.DisabilityStatus;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.RaceEthnicity;
import io.hirestream.events.SelfIdentification;
import io.hirestream.events.Sex;
import io.hirestream.events.VeteranStatus;
import io.hirestream.funnel.domain.Declaration;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Outcome;
import io.hirestream.events.Recommendation;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Funnel;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.topology.CatchUp;
import io.hirestream.funnel.topology.FunnelTopology;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The funnel topology under {@link TopologyTestDriver}: the same {@link FunnelTopology#build}
 * the service runs, the real Avro serde against an in-memory registry, explicit event times, and
 * wall-clock time that only moves when a test moves it.
 */
public final class FunnelTestDriver implements AutoCloseable {

    static final Duration EMIT_INTERVAL = Duration.ofSeconds(1);

    private final TopologyTestDriver driver;
    private final FunnelView view = new FunnelView();
    private final Map<String, Object> clientConfigs = new HashMap<>();
    private final Map<String, TestInputTopic<String, SpecificRecord>> inputs = new HashMap<>();
    private final TestInputTopic<String, byte[]> rawApplied;
    private final TestOutputTopic<String, FunnelMetrics> metrics;
    private final TestOutputTopic<String, FunnelCohortMetrics> cohorts;
    private final TestOutputTopic<String, FunnelFairness> fairness;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    /** The adverse-impact check's minimum group size: small, so that the tests' few applications show both sides of it. */
    public static final int MINIMUM_GROUP_SIZE = 3;

    public FunnelTestDriver() {
        clientConfigs.putAll(UnitTestRegistry.settings("funnel"));
        StreamsBuilder builder = new StreamsBuilder();
        // One partition, as the driver has: every record is where its application's events are.
        FunnelTopology.build(builder, EMIT_INTERVAL, clientConfigs, () -> 1, view, CatchUp.NEVER, MINIMUM_GROUP_SIZE);
        Properties config = ServiceStreamsSettings.forTopologyTest("funnel-test");
        driver = new TopologyTestDriver(builder.build(), config, Instant.parse("2026-11-25T00:00:00Z"));
        for (var topic : java.util.stream.Stream.concat(Topics.APPLICATION_EVENTS.stream(),
                java.util.stream.Stream.of(Topics.SELF_IDENTIFICATIONS)).toList()) {
            inputs.put(topic.name(), driver.createInputTopic(topic.name(), new StringSerializer(),
                    new AvroSerializer<>(clientConfigs, false)));
        }
        rawApplied = driver.createInputTopic(Topics.APPLIED.name(), new StringSerializer(), new ByteArraySerializer());
        metrics = driver.createOutputTopic(Topics.FUNNEL_METRICS.name(), new StringDeserializer(),
                Topics.FUNNEL_METRICS.valueSerde(clientConfigs).deserializer());
        cohorts = driver.createOutputTopic(Topics.FUNNEL_COHORTS.name(), new StringDeserializer(),
                Topics.FUNNEL_COHORTS.valueSerde(clientConfigs).deserializer());
        fairness = driver.createOutputTopic(Topics.FUNNEL_FAIRNESS.name(), new StringDeserializer(),
                Topics.FUNNEL_FAIRNESS.valueSerde(clientConfigs).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS_TOPIC.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Writes the event to its stage's topic, timestamped with its business time. */
    public FunnelTestDriver pipe(StageEvent event) {
        SpecificRecord record = toAvro(event);
        inputs.get(topicOf(event)).pipeInput(event.applicationId(), record, Instant.ofEpochMilli(event.occurredAt()));
        return this;
    }

    /**
     * Writes what the application's candidate declared to the self-identification topic, as intake
     * does; {@link Declaration#NONE} as a tombstone, as an erasure does.
     */
    public FunnelTestDriver pipe(String applicationId, Declaration declared) {
        inputs.get(Topics.SELF_IDENTIFICATIONS.name()).pipeInput(applicationId, declared.equals(Declaration.NONE) ? null
                : new SelfIdentification(applicationId, Sex.valueOf(declared.sex()), RaceEthnicity.valueOf(declared.raceEthnicity()),
                VeteranStatus.valueOf(declared.veteran()), DisabilityStatus.valueOf(declared.disability()), Instant.EPOCH));
        return this;
    }

    public FunnelTestDriver pipeAll(List<StageEvent> events) {
        events.forEach(this::pipe);
        return this;
    }

    /** Writes raw bytes to the applied topic, as a broken producer might. */
    public void pipeRawApplied(String key, byte[] value) {
        rawApplied.pipeInput(key, value);
    }

    /**
     * Lets two emit intervals pass: in the first every task sends its changed parts of rows on,
     * in the second the rows they changed are published whole.
     */
    public void emit() {
        driver.advanceWallClockTime(EMIT_INTERVAL);
        driver.advanceWallClockTime(EMIT_INTERVAL);
    }

    /** The funnel as the HTTP API reads it: the view the topology's tasks keep their parts in. */
    public FunnelView view() {
        return view;
    }

    /** Every row, as the HTTP API lists them. */
    public List<io.hirestream.funnel.domain.FunnelRow> rows() {
        return view.rows(null, null, null, Integer.MAX_VALUE).rows();
    }

    /** The row of one (role, location), as the HTTP API shows it. */
    public io.hirestream.funnel.domain.FunnelRow row(String role, String location) {
        return view.rows(role, location, null, 1).rows().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + role + " in " + location));
    }

    /** The latest record per key on the metrics topic, as a compacted topic would keep it. */
    public Map<String, FunnelMetrics> latestMetrics() {
        return latest(metrics);
    }

    /** The latest record per key on the cohorts topic, as a compacted topic would keep it. */
    public Map<String, FunnelCohortMetrics> latestCohorts() {
        return latest(cohorts);
    }

    /** The latest record per key on the fairness topic, as a compacted topic would keep it. */
    public Map<String, FunnelFairness> latestFairness() {
        return latest(fairness);
    }

    private static <V> Map<String, V> latest(TestOutputTopic<String, V> topic) {
        Map<String, V> latest = new LinkedHashMap<>();
        for (KeyValue<String, V> record : topic.readKeyValuesToList()) {
            latest.put(record.key, record.value);
        }
        return latest;
    }

    public List<KeyValue<byte[], byte[]>> deadLetters() {
        return deadLetters.readKeyValuesToList();
    }

    public Map<String, Object> clientConfigs() {
        return clientConfigs;
    }

    @Override
    public void close() {
        driver.close();
    }

    /** The topic of the event's stage. */
    public static String topicOf(StageEvent event) {
        return switch (event.stage()) {
            case APPLIED -> Topics.APPLIED.name();
            case SCREENED -> Topics.SCREENED.name();
            case INTERVIEWED -> Topics.INTERVIEWED.name();
            case OFFERED -> Topics.OFFERED.name();
        };
    }

    /** The Avro event of the stage's topic that carries this stage event. */
    public static SpecificRecord toAvro(StageEvent e) {
        Instant at = Instant.ofEpochMilli(e.occurredAt());
        return switch (e.stage()) {
            case APPLIED -> new ApplicationSubmitted(e.eventId(), e.applicationId(), "req-1", e.role(), e.location(), at,
                    "candidate-" + e.applicationId(), e.source() == null ? ApplicationSource.REFERRAL
                    : ApplicationSource.valueOf(e.source()), 9, Degree.PHD, "US");
            case SCREENED -> new ApplicationScreened(e.eventId(), e.applicationId(), "req-1", e.role(), e.location(), at,
                    outcome(e.decision()), List.of(), "test", "candidate-" + e.applicationId());
            case INTERVIEWED -> new InterviewCompleted(e.eventId(), e.applicationId(), "req-1", e.role(), e.location(), at,
                    outcome(e.decision()), Recommendation.YES, List.of());
            case OFFERED -> new OfferExtended(e.eventId(), e.applicationId(), "req-1", e.role(), e.location(), at,
                    new BigDecimal("200000.00"), "USD", null);
        };
    }

    private static Outcome outcome(Decision decision) {
        return switch (decision) {
            case PASSED -> Outcome.PASSED;
            case REJECTED -> Outcome.REJECTED;
            default -> Outcome.UNKNOWN;
        };
    }
}
