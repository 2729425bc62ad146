package io.hirestream.offer.topology;

import io.hirestream.testkit.UnitTestRegistry;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferAction;
import io.hirestream.events.OfferDecision;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Outcome;
import io.hirestream.events.Requisition;
import io.hirestream.offer.domain.OfferCase;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OfferTopologyTest {

    private static final Instant AT = Instant.parse("2026-11-25T09:00:00Z");
    private static final String REQ = "req-mle";

    private final Map<String, Object> configs = UnitTestRegistry.settings("offer");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Requisition> requisitions;
    private TestInputTopic<String, ApplicationSubmitted> applied;
    private TestInputTopic<String, InterviewCompleted> interviewed;
    private TestInputTopic<String, OfferDecision> decisions;
    private TestOutputTopic<String, OfferExtended> offered;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    private void start(boolean autoApprove) {
        StreamsBuilder builder = new StreamsBuilder();
        OfferTopology.build(builder, autoApprove, configs);
        Properties properties = ServiceStreamsSettings.forTopologyTest("offer-test");
        driver = new TopologyTestDriver(builder.build(), properties, AT);
        requisitions = driver.createInputTopic(Topics.REQUISITIONS.name(), new StringSerializer(), new AvroSerializer<>(configs, false));
        applied = driver.createInputTopic(Topics.APPLIED.name(), new StringSerializer(), new AvroSerializer<>(configs, false));
        interviewed = driver.createInputTopic(Topics.INTERVIEWED.name(), new StringSerializer(), new AvroSerializer<>(configs, false));
        decisions = driver.createInputTopic(Topics.OFFER_DECISIONS.name(), new StringSerializer(), new AvroSerializer<>(configs, false));
        offered = driver.createOutputTopic(Topics.OFFERED.name(), new StringDeserializer(), Topics.OFFERED.valueSerde(configs).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS_TOPIC.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        requisitions.pipeInput(REQ, SampleEvents.seedRequisition(REQ));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void apply(String applicationId, int years) {
        applied.pipeInput(applicationId, ApplicationSubmitted.newBuilder(
                SampleEvents.applied(applicationId, SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION, AT))
                .setRequisitionId(REQ).setYearsOfExperience(years).build());
    }

    private void interview(String applicationId, Outcome outcome) {
        interviewed.pipeInput(applicationId, InterviewCompleted.newBuilder(
                SampleEvents.interviewed(applicationId, SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION, AT.plusSeconds(86_400), outcome))
                .setRequisitionId(REQ).build());
    }

    private void decide(String applicationId, OfferAction action, String amount) {
        decisions.pipeInput(applicationId, new OfferDecision(UUID.randomUUID().toString(), applicationId, action,
                amount == null ? null : new BigDecimal(amount), "rita", AT.plusSeconds(2 * 86_400)));
    }

    private KeyValueStore<String, OfferCase> offers() {
        return driver.getKeyValueStore(OfferTopology.OFFERS_STORE);
    }

    @Test
    void aPassedInterviewDraftsAnOfferByExperienceInsideTheBandAndApprovalEmitsIt() {
        start(false);
        apply("a1", 9);
        interview("a1", Outcome.PASSED);

        OfferCase draft = offers().get("a1");
        assertThat(draft.status()).isEqualTo(OfferCase.DRAFT);
        assertThat(draft.baseSalary()).isEqualByComparingTo("175700.00");
        assertThat(offered.isEmpty()).isTrue();

        decide("a1", OfferAction.ADJUST, "180000.00");
        decide("a1", OfferAction.APPROVE, null);

        OfferExtended event = offered.readValue();
        assertThat(event.getApplicationId()).isEqualTo("a1");
        assertThat(event.getRequisitionId()).isEqualTo(REQ);
        assertThat(event.getRole()).isEqualTo(SampleEvents.SEED_ROLE);
        assertThat(event.getLocation()).isEqualTo(SampleEvents.SEED_LOCATION);
        assertThat(event.getBaseSalary()).isEqualByComparingTo("180000.00");
        assertThat(event.getCurrency()).isEqualTo("USD");
        assertThat(event.getApprovedBy()).isEqualTo("rita");
        assertThat(event.getOccurredAt()).isEqualTo(AT.plusSeconds(2 * 86_400));
        assertThat(offered.isEmpty()).isTrue();
    }

    @Test
    void aRejectedInterviewGetsNoOfferAndARepeatedInterviewedEventDraftsOnce() {
        start(false);
        interview("a2", Outcome.REJECTED);
        assertThat(offers().get("a2")).isNull();

        apply("a3", 12);
        interview("a3", Outcome.PASSED);
        decide("a3", OfferAction.ADJUST, "200000.00");
        interview("a3", Outcome.PASSED);

        assertThat(offers().get("a3").baseSalary()).isEqualByComparingTo("200000.00");
    }

    @Test
    void aRetriedApprovalEmitsOnceAndAWithdrawnOfferIsNeverEmitted() {
        start(false);
        apply("a4", 8);
        interview("a4", Outcome.PASSED);
        decide("a4", OfferAction.APPROVE, null);
        decide("a4", OfferAction.APPROVE, null);
        assertThat(offered.readValuesToList()).hasSize(1);

        apply("a5", 8);
        interview("a5", Outcome.PASSED);
        decide("a5", OfferAction.WITHDRAW, null);
        decide("a5", OfferAction.APPROVE, null);
        assertThat(offered.isEmpty()).isTrue();
        assertThat(offers().get("a5").status()).isEqualTo(OfferCase.WITHDRAWN);
    }

    @Test
    void aDecisionWithAnAmountOutsideTheBandChangesNothing() {
        start(false);
        apply("a6", 10);
        interview("a6", Outcome.PASSED);
        decide("a6", OfferAction.APPROVE, "500000.00");

        assertThat(offered.isEmpty()).isTrue();
        assertThat(offers().get("a6").isDraft()).isTrue();
    }

    @Test
    void underAutoApproveEveryDraftIsExtendedAtOnce() {
        start(true);
        apply("a7", 30);
        interview("a7", Outcome.PASSED);

        OfferExtended event = offered.readValue();
        assertThat(event.getBaseSalary()).isEqualByComparingTo("327000.00");
        assertThat(event.getApprovedBy()).isNull();
        assertThat(offers().get("a7").status()).isEqualTo(OfferCase.EXTENDED);
    }

    @Test
    void aDecisionForAnApplicationWithoutAnOfferIsDeadLetteredAndTheNextIsProcessed() {
        start(false);
        decide("nobody", OfferAction.APPROVE, null);
        apply("a8", 8);
        interview("a8", Outcome.PASSED);
        decide("a8", OfferAction.APPROVE, null);

        assertThat(deadLetters.readValuesToList()).hasSize(1);
        assertThat(offered.readValue().getApplicationId()).isEqualTo("a8");
    }
}
