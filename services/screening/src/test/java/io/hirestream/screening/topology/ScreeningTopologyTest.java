package io.hirestream.screening.topology;

import io.hirestream.testkit.UnitTestRegistry;
import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Degree;
import io.hirestream.events.Outcome;
import io.hirestream.events.Requisition;
import io.hirestream.events.RequisitionStatus;
import io.hirestream.events.ScreeningReason;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.deadletter.DeadLetter;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.ServiceStreamsSettings;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ScreeningTopologyTest {

    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private final Map<String, Object> configs = UnitTestRegistry.settings("screening");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Requisition> requisitions;
    private TestInputTopic<String, ApplicationSubmitted> applied;
    private TestInputTopic<String, byte[]> rawApplied;
    private TestOutputTopic<String, ApplicationScreened> screened;
    private TestOutputTopic<byte[], byte[]> deadLetters;


    ScreeningTopologyTest() {
        start(Map.of());
    }

    /** Drives the topology with the screening service's own streams settings, and these client settings over the test's. */
    private void start(Map<String, Object> topologyConfigs) {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, Object> clients = new HashMap<>(configs);
        clients.putAll(topologyConfigs);
        ScreeningTopology.build(builder, Duration.ofMinutes(5), clients);
        Properties properties = ServiceStreamsSettings.forTopologyTest("screening-test");
        driver = new TopologyTestDriver(builder.build(), properties, START);
        requisitions = driver.createInputTopic(Topics.REQUISITIONS.name(), new StringSerializer(), new AvroSerializer<>(configs, false));

        applied = driver.createInputTopic(Topics.APPLIED.name(), new StringSerializer(), new AvroSerializer<>(configs, false));
        rawApplied = driver.createInputTopic(Topics.APPLIED.name(), new StringSerializer(), new ByteArraySerializer());
        screened = driver.createOutputTopic(Topics.SCREENED.name(), new StringDeserializer(),
                Topics.SCREENED.valueSerde(configs).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS_TOPIC.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private ApplicationSubmitted applicant(String applicationId, String requisitionId, int years, Degree degree, String country) {
        return ApplicationSubmitted.newBuilder(SampleEvents.applied(applicationId, SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION, START))
                .setRequisitionId(requisitionId).setYearsOfExperience(years).setHighestDegree(degree).setCountryOfResidence(country)
                .build();
    }

    @Test
    void eachApplicationIsScreenedAgainstItsRequisitionWithEveryReason() {
        requisitions.pipeInput("req-1", SampleEvents.seedRequisition("req-1"));

        var first = applicant("a1", "req-1", 9, Degree.PHD, "US");
        applied.pipeInput("a1", first);
        applied.pipeInput("a2", applicant("a2", "req-1", 5, Degree.BACHELORS, "CA"));

        var decisions = screened.readKeyValuesToMap();
        assertThat(decisions.get("a1").getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(decisions.get("a1").getCandidateId()).as("whose key seals the notes later").isEqualTo(first.getCandidateId());
        assertThat(decisions.get("a1").getReasons()).isEmpty();
        assertThat(decisions.get("a1").getRole()).isEqualTo(SampleEvents.SEED_ROLE);
        assertThat(decisions.get("a1").getRulesVersion()).isEqualTo("screening-rules/1");
        assertThat(decisions.get("a2").getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decisions.get("a2").getReasons()).containsExactlyInAnyOrder(ScreeningReason.LOCATION_NOT_ELIGIBLE,
                ScreeningReason.EXPERIENCE_BELOW_MINIMUM, ScreeningReason.DEGREE_BELOW_MINIMUM);
    }

    @Test
    void aRedeliveredAppliedEventYieldsNoSecondScreenedEvent() {
        requisitions.pipeInput("req-1", SampleEvents.seedRequisition("req-1"));
        ApplicationSubmitted event = applicant("a1", "req-1", 9, Degree.PHD, "US");

        applied.pipeInput("a1", event);
        applied.pipeInput("a1", event);
        applied.pipeInput("a1", ApplicationSubmitted.newBuilder(event).setEventId(UUID.randomUUID().toString()).build());

        assertThat(screened.readValuesToList()).hasSize(1);
    }

    @Test
    void screeningFollowsTheRequisitionAsItChanges() {
        requisitions.pipeInput("req-1", SampleEvents.seedRequisition("req-1"));
        applied.pipeInput("a1", applicant("a1", "req-1", 9, Degree.PHD, "US"));
        requisitions.pipeInput("req-1", Requisition.newBuilder(SampleEvents.seedRequisition("req-1")).setStatus(RequisitionStatus.CLOSED).build());
        applied.pipeInput("a2", applicant("a2", "req-1", 9, Degree.PHD, "US"));

        var decisions = screened.readKeyValuesToMap();
        assertThat(decisions.get("a1").getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(decisions.get("a2").getReasons()).containsExactly(ScreeningReason.REQUISITION_NOT_OPEN);
    }

    @Test
    void anApplicationWaitsForARequisitionThatArrivesLateOrIsRejectedAfterTheWait() {
        applied.pipeInput("a1", applicant("a1", "req-late", 9, Degree.PHD, "US"));
        applied.pipeInput("a2", applicant("a2", "req-never", 9, Degree.PHD, "US"));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(screened.isEmpty()).isTrue();

        requisitions.pipeInput("req-late", SampleEvents.seedRequisition("req-late"));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(screened.readKeyValue().value.getOutcome()).isEqualTo(Outcome.PASSED);

        driver.advanceWallClockTime(Duration.ofMinutes(6));
        var late = screened.readKeyValue();
        assertThat(late.key).isEqualTo("a2");
        assertThat(late.value.getReasons()).containsExactly(ScreeningReason.REQUISITION_UNKNOWN);
        driver.advanceWallClockTime(Duration.ofMinutes(6));
        assertThat(screened.isEmpty()).isTrue();
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextIsScreened() {
        requisitions.pipeInput("req-1", SampleEvents.seedRequisition("req-1"));
        rawApplied.pipeInput("bad", new byte[]{1, 2, 3});
        applied.pipeInput("a1", applicant("a1", "req-1", 9, Degree.PHD, "US"));

        assertThat(deadLetters.readValuesToList()).singleElement().isEqualTo(new byte[]{1, 2, 3});
        assertThat(screened.readValuesToList()).hasSize(1);
    }

    @Test
    void anApplicationWhoseDecisionCannotBeWrittenIsDeadLetteredAndTheNextIsScreened() {
        // The screened subject is not registered and nothing may register it: no decision can be serialized.
        driver.close();
        start(Map.of(AvroSerializer.AUTO_REGISTER_SCHEMAS, "false"));
        requisitions.pipeInput("req-1", SampleEvents.seedRequisition("req-1"));
        applied.pipeInput("a1", applicant("a1", "req-1", 9, Degree.PHD, "US"));
        applied.pipeInput("a2", applicant("a2", "req-1", 9, Degree.PHD, "US"));

        var letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(letter -> new String(letter.key(), StandardCharsets.UTF_8)).containsExactly("a1", "a2");
        assertThat(header(letters.getFirst().headers(), DeadLetter.ERROR)).isEqualTo(DeadLetter.OUTPUT_REJECTED);
        assertThat(header(letters.getFirst().headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.APPLIED.name());
        assertThat(header(letters.getFirst().headers(), DeadLetter.ERROR_MESSAGE)).contains(Topics.SCREENED.name());
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
