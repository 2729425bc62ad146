package io.hirestream.interview.topology;

import io.hirestream.testkit.UnitTestRegistry;
import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.InterviewFeedback;
import io.hirestream.events.Outcome;
import io.hirestream.events.Recommendation;
import io.hirestream.events.Requisition;
import io.hirestream.interview.domain.InterviewLoop;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.ServiceStreamsSettings;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InterviewTopologyTest {

    private static final Instant AT = Instant.parse("2026-11-25T09:00:00Z");

    private final Map<String, Object> configs = UnitTestRegistry.settings("interview");
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Requisition> requisitions;
    private final TestInputTopic<String, ApplicationScreened> screened;
    private final TestInputTopic<String, InterviewFeedback> feedback;
    private final TestOutputTopic<String, InterviewCompleted> interviewed;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    InterviewTopologyTest() {
        StreamsBuilder builder = new StreamsBuilder();
        InterviewTopology.build(builder, List.of("TECHNICAL", "HIRING_MANAGER"), configs);
        Properties properties = ServiceStreamsSettings.forTopologyTest("interview-test");
        driver = new TopologyTestDriver(builder.build(), properties, AT);
        requisitions = driver.createInputTopic(Topics.REQUISITIONS.name(), new StringSerializer(), new AvroSerializer<>(configs, false));
        screened = driver.createInputTopic(Topics.SCREENED.name(), new StringSerializer(), new AvroSerializer<>(configs, false));
        feedback = driver.createInputTopic(Topics.INTERVIEW_FEEDBACK.name(), new StringSerializer(), new AvroSerializer<>(configs, false));
        interviewed = driver.createOutputTopic(Topics.INTERVIEWED.name(), new StringDeserializer(),
                Topics.INTERVIEWED.valueSerde(configs).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS_TOPIC.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void give(String applicationId, String round, Recommendation recommendation, Instant at) {
        feedback.pipeInput(applicationId, new InterviewFeedback(UUID.randomUUID().toString(), applicationId, round,
                "interviewer-1", recommendation, null, at, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})));
    }

    private KeyValueStore<String, InterviewLoop> loops() {
        return driver.getKeyValueStore(InterviewTopology.LOOPS_STORE);
    }

    @Test
    void aPassedApplicationGetsTheRequisitionsLoopAndIsInterviewedWhenEveryRoundHasFeedback() {
        requisitions.pipeInput("req-1", Requisition.newBuilder(SampleEvents.seedRequisition("req-1"))
                .setInterviewRounds(List.of("CODING", "RESEARCH_TALK", "HIRING_MANAGER")).build());
        screened.pipeInput("a1", ApplicationScreened.newBuilder(SampleEvents.screened("a1", SampleEvents.SEED_ROLE,
                SampleEvents.SEED_LOCATION, AT, Outcome.PASSED)).setRequisitionId("req-1").build());

        give("a1", "CODING", Recommendation.YES, AT.plusSeconds(3_600));
        give("a1", "RESEARCH_TALK", Recommendation.STRONG_YES, AT.plusSeconds(7_200));
        assertThat(interviewed.isEmpty()).isTrue();
        give("a1", "HIRING_MANAGER", Recommendation.YES, AT.plusSeconds(86_400));

        InterviewCompleted event = interviewed.readValue();
        assertThat(event.getApplicationId()).isEqualTo("a1");
        assertThat(event.getRole()).isEqualTo(SampleEvents.SEED_ROLE);
        assertThat(event.getLocation()).isEqualTo(SampleEvents.SEED_LOCATION);
        assertThat(event.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(event.getOccurredAt()).isEqualTo(AT.plusSeconds(86_400));
        assertThat(event.getRounds()).extracting(r -> r.getRound()).containsExactly("CODING", "RESEARCH_TALK", "HIRING_MANAGER");
        assertThat(loops().get("a1").status()).isEqualTo(InterviewLoop.DECIDED);
    }

    @Test
    void aRejectedApplicationGetsNoLoopAndFeedbackForItIsDeadLettered() {
        screened.pipeInput("a2", SampleEvents.screened("a2", SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION, AT, Outcome.REJECTED));
        give("a2", "TECHNICAL", Recommendation.YES, AT);

        assertThat(loops().get("a2")).isNull();
        assertThat(interviewed.isEmpty()).isTrue();
        assertThat(deadLetters.readValuesToList()).hasSize(1);
    }

    @Test
    void repeatedFeedbackCountsOnceAndADecidedLoopEmitsOnce() {
        screened.pipeInput("a3", SampleEvents.screened("a3", "Data Engineer", "Berlin, DE", AT, Outcome.PASSED));
        give("a3", "TECHNICAL", Recommendation.STRONG_NO, AT.plusSeconds(10));
        give("a3", "TECHNICAL", Recommendation.STRONG_YES, AT.plusSeconds(20));
        give("a3", "HIRING_MANAGER", Recommendation.YES, AT.plusSeconds(30));
        give("a3", "HIRING_MANAGER", Recommendation.YES, AT.plusSeconds(40));

        List<InterviewCompleted> events = interviewed.readValuesToList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getOutcome()).isEqualTo(Outcome.REJECTED);
            assertThat(e.getRecommendation()).isEqualTo(Recommendation.STRONG_NO);
            assertThat(e.getRounds()).extracting(r -> r.getRound()).containsExactly("TECHNICAL", "HIRING_MANAGER");
        });
    }
}
