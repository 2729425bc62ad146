package io.hirestream.pipeline;

import io.hirestream.access.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import io.hirestream.deadletter.DeadLetter;
import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Outcome;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.serde.UndeserializableRecordException;
import io.hirestream.stack.Service;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTopics;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stage services together, each its own JVM from its jar, against the real broker and
 * registry, driven only through their HTTP APIs and read only from the topics, as users do.
 */
@ExtendWith(PipelineExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {

    private static final Duration FLOW = Duration.ofSeconds(90);

    private KafkaStack stack;
    private Pipeline pipeline;

    @BeforeAll
    void start(KafkaStack stack, Pipeline pipeline) {
        this.stack = stack;
        this.pipeline = pipeline;
    }

    @Test
    void anApplicationFlowsFromIntakeThroughScreeningInterviewAndOfferToAnOfferedEvent() {
        String requisitionId = openSeedRequisition();
        String applicationId = apply(requisitionId, "US", 13, "PHD");

        ApplicationSubmitted applied = onlyEvent(Topics.APPLIED, applicationId);
        ApplicationScreened screened = onlyEvent(Topics.SCREENED, applicationId);
        assertThat(screened.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(screened.getReasons()).isEmpty();

        JsonNode loop = awaitJson(Service.INTERVIEW, "/api/interviews/" + applicationId);
        List<String> rounds = new ArrayList<>();
        loop.path("rounds").forEach(round -> rounds.add(round.asText()));
        assertThat(rounds).isNotEmpty();
        for (String round : rounds) {
            var given = pipeline.as("interviewer-" + round, Roles.INTERVIEWER).post(Service.INTERVIEW,
                    "/api/interviews/" + applicationId + "/feedback", """
                    {"round": "%s", "recommendation": "YES", "notes": "clear thinking"}
                    """.formatted(round));
            assertThat(given.status()).as(given.toString()).isEqualTo(200);
            assertThat(given.json().path("pendingRounds").toString()).doesNotContain("\"" + round + "\"");
        }
        InterviewCompleted interviewed = onlyEvent(Topics.INTERVIEWED, applicationId);
        assertThat(interviewed.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(interviewed.getRounds()).hasSize(rounds.size());

        JsonNode draft = awaitJson(Service.OFFER, "/api/offers/" + applicationId);
        assertThat(draft.path("status").asText()).isEqualTo("DRAFT");
        // 13 years against a minimum of 8: half-way up the band, rounded down to a whole 100.
        assertThat(draft.path("baseSalary").decimalValue()).isEqualByComparingTo("242900.00");
        var approved = pipeline.as("manager-rita", Roles.HIRING_MANAGER).post(Service.OFFER,
                "/api/offers/" + applicationId + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("EXTENDED");
        assertThat(approved.json().path("baseSalary").decimalValue()).isEqualByComparingTo("242900.00");
        assertThat(approved.json().path("decidedBy").asText()).isEqualTo("manager-rita");
        OfferExtended offered = onlyEvent(Topics.OFFERED, applicationId);

        for (var event : List.of(applied, screened, interviewed)) {
            assertThat(List.of(event.get("applicationId"), event.get("requisitionId"), event.get("role"), event.get("location")))
                    .containsExactly(applicationId, requisitionId, SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION);
        }
        assertThat(List.of(offered.getApplicationId(), offered.getRequisitionId(), offered.getRole(), offered.getLocation()))
                .containsExactly(applicationId, requisitionId, SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION);
        assertThat(offered.getBaseSalary()).isEqualByComparingTo("242900.00")
                .isBetween(new BigDecimal("158950.00"), new BigDecimal("327000.00"));
        assertThat(offered.getCurrency()).isEqualTo("USD");
        assertThat(offered.getApprovedBy()).isEqualTo("manager-rita");
        assertThat(onlyEvent(Topics.INTERVIEWED, applicationId).getRounds()).extracting(round -> round.getInterviewer())
                .containsExactlyElementsOf(rounds.stream().map(round -> "interviewer-" + round).toList());
        assertThat(List.of(applied.getOccurredAt(), screened.getOccurredAt(), interviewed.getOccurredAt(), offered.getOccurredAt()))
                .isSorted();

        JsonNode inFunnel = await().atMost(FLOW).until(() -> pipeline.get(Service.FUNNEL, "/api/applications/" + applicationId),
                reply -> reply.status() == 200 && "OFFERED".equals(reply.json().path("furthestStage").asText())).json();
        assertThat(inFunnel.toString()).contains(SampleEvents.SEED_ROLE).contains(SampleEvents.SEED_LOCATION);
    }

    @Test
    void aRejectedApplicationIsScreenedOutWithEveryFailedRuleAndGetsNoInterviewLoop() {
        String requisitionId = openSeedRequisition();
        String applicationId = apply(requisitionId, "CA", 5, "BACHELORS");

        ApplicationScreened screened = onlyEvent(Topics.SCREENED, applicationId);

        assertThat(screened.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(screened.getReasons()).extracting(Enum::name)
                .containsExactlyInAnyOrder("LOCATION_NOT_ELIGIBLE", "EXPERIENCE_BELOW_MINIMUM", "DEGREE_BELOW_MINIMUM");
        assertThat(pipeline.get(Service.INTERVIEW, "/api/interviews/" + applicationId).status()).isEqualTo(404);
    }

    @Test
    void aRedeliveredAppliedEventYieldsNoSecondScreenedEvent() throws Exception {
        String requisitionId = openSeedRequisition();
        String applicationId = apply(requisitionId, "US", 9, "PHD");
        onlyEvent(Topics.SCREENED, applicationId);
        ConsumerRecord<byte[], byte[]> original = records(Topics.APPLIED, applicationId).getFirst();

        try (KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
            producer.send(new ProducerRecord<>(Topics.APPLIED.name(), original.partition(), original.timestamp(),
                    original.key(), original.value(), original.headers())).get();
        }
        // A later application on the same partition, screened only after the redelivered one was handled.
        String later = applyOnPartitionOf(requisitionId, original.partition(), 50);

        onlyEvent(Topics.SCREENED, later);
        assertThat(records(Topics.APPLIED, applicationId)).hasSize(2);
        assertThat(records(Topics.SCREENED, applicationId)).hasSize(1);
    }

    @Test
    void screeningKilledMidStreamScreensEveryApplicationExactlyOnce() {
        String requisitionId = openSeedRequisition();
        int half = 1_500;
        Set<String> ids = new HashSet<>();
        try (KafkaProducer<String, Object> producer = avroProducer()) {
            ids.addAll(TestTopics.produceApplied(producer, requisitionId, half));
            // Killed (SIGKILL) while it works through the first half: its open transaction is lost with it.
            await().atMost(FLOW).pollInterval(Duration.ofMillis(50)).until(() -> screenedAmong(ids, false) > 0);
            pipeline.kill(Service.SCREENING);
            ids.addAll(TestTopics.produceApplied(producer, requisitionId, half));
        }
        pipeline.restart(Service.SCREENING);

        await().atMost(Duration.ofSeconds(120)).until(() -> screenedAmong(ids, true) == ids.size());
        assertThat(ids).hasSize(2 * half);
        assertThat(screenedAmong(ids, false)).as("screened events for %d applied events", ids.size()).isEqualTo(ids.size());
    }

    @Test
    void aPoisonRecordLandsInTheDeadLetterTopicWithItsReasonAndScreeningGoesOn() throws Exception {
        String requisitionId = openSeedRequisition();
        String poisonKey = "poison-" + UUID.randomUUID();
        try (KafkaProducer<byte[], byte[]> producer = bytesProducer()) {
            producer.send(new ProducerRecord<>(Topics.APPLIED.name(), poisonKey.getBytes(StandardCharsets.UTF_8),
                    "not an avro record".getBytes(StandardCharsets.UTF_8))).get();
        }
        String after = apply(requisitionId, "US", 9, "PHD");

        List<ConsumerRecord<byte[], byte[]>> deadLetters = TestTopics.readUntil(stack, Topics.DEAD_LETTERS_TOPIC.name(),
                records -> records.stream().anyMatch(r -> poisonKey.equals(key(r)) && "screening".equals(header(r, DeadLetter.SERVICE))));
        ConsumerRecord<byte[], byte[]> letter = deadLetters.stream()
                .filter(r -> poisonKey.equals(key(r)) && "screening".equals(header(r, DeadLetter.SERVICE))).findFirst().orElseThrow();
        assertThat(header(letter, DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.APPLIED.name());
        assertThat(header(letter, DeadLetter.ERROR)).isNotBlank();
        assertThat(header(letter, DeadLetter.ERROR_MESSAGE)).containsIgnoringCase("magic");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not an avro record");
        assertThat(onlyEvent(Topics.SCREENED, after).getOutcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void refusedRequestsAnswerWithAProblemAndWriteNothing() {
        String missing = UUID.randomUUID().toString();
        long decisionsBefore = TestTopics.readAll(stack, Topics.OFFER_DECISIONS.name()).size();
        long feedbackBefore = TestTopics.readAll(stack, Topics.INTERVIEW_FEEDBACK.name()).size();

        var noLoop = pipeline.post(Service.INTERVIEW, "/api/interviews/" + missing + "/feedback",
                "{\"round\": \"TECHNICAL\", \"recommendation\": \"YES\"}");
        var noOffer = pipeline.post(Service.OFFER, "/api/offers/" + missing + "/approve", "{}");
        // Who decides is whoever signed in: a body that names someone is refused, naming the field.
        var namedApprover = pipeline.post(Service.OFFER, "/api/offers/" + missing + "/approve", "{\"approvedBy\": \"rita\"}");

        assertThat(noLoop.status()).isEqualTo(404);
        assertThat(noOffer.status()).isEqualTo(404);
        assertThat(namedApprover.status()).isEqualTo(400);
        for (var reply : List.of(noLoop, noOffer, namedApprover)) {
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("detail").asText()).isNotBlank();
        }
        assertThat(namedApprover.json().path("field").asText()).isEqualTo("approvedBy");
        assertThat(TestTopics.readAll(stack, Topics.OFFER_DECISIONS.name())).hasSize((int) decisionsBefore);
        assertThat(TestTopics.readAll(stack, Topics.INTERVIEW_FEEDBACK.name())).hasSize((int) feedbackBefore);
    }

    @Test
    void anAdjustmentOutsideTheBandIsRefusedAndADecidedOfferTakesNoMoreDecisions() {
        String applicationId = draftedOffer();

        var tooHigh = pipeline.post(Service.OFFER, "/api/offers/" + applicationId + "/adjust",
                "{\"baseSalary\": 400000}");
        var withdrawn = pipeline.post(Service.OFFER, "/api/offers/" + applicationId + "/withdraw", "{}");
        await().atMost(FLOW).until(() -> pipeline.get(Service.OFFER, "/api/offers/" + applicationId).body().contains("WITHDRAWN"));
        var approveAfter = pipeline.post(Service.OFFER, "/api/offers/" + applicationId + "/approve", "{}");

        assertThat(tooHigh.status()).isEqualTo(422);
        assertThat(tooHigh.json().path("detail").asText()).contains("158950.00 to 327000.00 USD");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(approveAfter.status()).isEqualTo(409);
        assertThat(records(Topics.OFFERED, applicationId)).isEmpty();
    }

    @Test
    void ofTwoConcurrentFeedbacksForOneRoundExactlyOneCountsAndTheOtherIsAConflict() throws Exception {
        String applicationId = apply(openSeedRequisition(), "US", 8, "MASTERS");
        onlyEvent(Topics.SCREENED, applicationId);
        String round = awaitJson(Service.INTERVIEW, "/api/interviews/" + applicationId).path("rounds").get(0).asText();

        var interviewers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var ivan = interviewers.submit(() -> pipeline.as("ivan", Roles.INTERVIEWER).post(Service.INTERVIEW,
                    "/api/interviews/" + applicationId + "/feedback", "{\"round\": \"" + round + "\", \"recommendation\": \"YES\"}"));
            var ines = interviewers.submit(() -> pipeline.as("ines", Roles.INTERVIEWER).post(Service.INTERVIEW,
                    "/api/interviews/" + applicationId + "/feedback", "{\"round\": \"" + round + "\", \"recommendation\": \"NO\"}"));
            var answers = List.of(ivan.get(), ines.get());

            assertThat(answers).extracting(Pipeline.Reply::status).containsExactlyInAnyOrder(200, 409);
            var counted = answers.stream().filter(answer -> answer.status() == 200).findFirst().orElseThrow();
            JsonNode loop = pipeline.get(Service.INTERVIEW, "/api/interviews/" + applicationId).json();
            assertThat(loop.path("feedback")).hasSize(1);
            assertThat(loop.path("feedback").get(0).path("feedbackId").asText()).isEqualTo(counted.json().path("feedbackId").asText());
        } finally {
            interviewers.shutdownNow();
        }
    }

    @Test
    void ofTwoConcurrentApprovalsExactlyOneWinsAndTheOfferedEventCarriesItsSalary() throws Exception {
        String applicationId = draftedOffer();

        var approvals = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var rita = approvals.submit(() -> pipeline.as("rita", Roles.HIRING_MANAGER).post(Service.OFFER,
                    "/api/offers/" + applicationId + "/approve", "{\"baseSalary\": 200000}"));
            var raj = approvals.submit(() -> pipeline.as("raj", Roles.HIRING_MANAGER).post(Service.OFFER,
                    "/api/offers/" + applicationId + "/approve", "{\"baseSalary\": 210000}"));
            var answers = List.of(rita.get(), raj.get());

            assertThat(answers).extracting(Pipeline.Reply::status).containsExactlyInAnyOrder(200, 409);
            var winner = answers.stream().filter(answer -> answer.status() == 200).findFirst().orElseThrow();
            var loser = answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow();
            assertThat(loser.contentType()).startsWith("application/problem+json");
            assertThat(loser.json().path("detail").asText()).contains("EXTENDED").contains(winner.json().path("decidedBy").asText());
            OfferExtended offered = onlyEvent(Topics.OFFERED, applicationId);
            assertThat(offered.getBaseSalary()).isEqualByComparingTo(winner.json().path("baseSalary").decimalValue());
            assertThat(offered.getApprovedBy()).isEqualTo(winner.json().path("decidedBy").asText()).isIn("rita", "raj");
            assertThat(records(Topics.OFFERED, applicationId)).hasSize(1);
        } finally {
            approvals.shutdownNow();
        }
    }

    @Test
    void interviewLoopsAndOffersAreListedAPageAtATimeEachOnceWithBadPagingRefused() {
        String requisitionId = openSeedRequisition();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            passed.add(apply(requisitionId, "US", 9, "PHD"));
        }
        passed.forEach(id -> awaitJson(Service.INTERVIEW, "/api/interviews/" + id));

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = pipeline.get(Service.INTERVIEW, "/api/interviews?requisitionId=" + requisitionId + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isBetween(1, 2);
            page.json().path("items").forEach(loop -> listed.add(loop.path("applicationId").asText()));
            cursor = page.json().path("nextCursor").isTextual() ? page.json().path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        var tooMany = pipeline.get(Service.OFFER, "/api/offers?limit=501");
        var notOurs = pipeline.get(Service.INTERVIEW, "/api/interviews?cursor=%25%25");

        assertThat(listed).containsExactlyInAnyOrderElementsOf(passed).isSorted();
        assertThat(pages).isEqualTo(3);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.json().path("field").asText()).isEqualTo("limit");
        assertThat(notOurs.status()).isEqualTo(400);
        assertThat(notOurs.json().path("field").asText()).isEqualTo("cursor");
    }

    @Test
    void aBodyOver64KiBIsRefusedWith413AsAProblemAndWritesNothing() {
        String requisitionId = openSeedRequisition();
        String huge = "x".repeat(100 * 1024);
        String application = """
                {"requisitionId": "%s", "source": "REFERRAL",
                 "candidate": {"name": "%s", "email": "big@example.org", "countryOfResidence": "US",
                               "yearsOfExperience": 9, "highestDegree": "PHD"}}
                """.formatted(requisitionId, huge);

        var intake = pipeline.post(Service.INTAKE, "/api/applications", application);
        var interview = pipeline.post(Service.INTERVIEW, "/api/interviews/" + UUID.randomUUID() + "/feedback",
                "{\"round\": \"TECHNICAL\", \"recommendation\": \"YES\", \"notes\": \"" + huge + "\"}");
        var offer = pipeline.post(Service.OFFER, "/api/offers/" + UUID.randomUUID() + "/adjust",
                "{\"baseSalary\": 200000, \"padding\": \"" + huge + "\"}");

        for (var reply : List.of(intake, interview, offer)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        var values = Topics.APPLIED.valueSerde(stack.clientConfigs()).deserializer();
        assertThat(TestTopics.readAll(stack, Topics.APPLIED.name()).stream().filter(r -> {
            try {
                return requisitionId.equals(values.deserialize(Topics.APPLIED.name(), r.value()).getRequisitionId());
            } catch (UndeserializableRecordException poison) {
                return false; // another test's bad records
            }
        })).as("applied events for the requisition").isEmpty();
    }

    @Test
    void aURLOrHeadersLongerThanAServiceReadsAreRefusedWith414And431ProblemsNamingTheLimit() {
        for (Service service : Service.values()) {
            // Refused before any route: the path does not matter, nor does signing in.
            var longUrl = pipeline.anonymous().get(service, "/health?cursor=" + "x".repeat(5_000));
            var longHeaders = pipeline.anonymous().get(service, "/health", "X-Padding", "y".repeat(10_000));

            assertThat(longUrl.status()).as(service + " " + longUrl).isEqualTo(414);
            assertThat(longUrl.contentType()).startsWith("application/problem+json");
            assertThat(longUrl.json().path("detail").asText()).contains("URL").contains("4096 bytes");
            assertThat(longHeaders.status()).as(service + " " + longHeaders).isEqualTo(431);
            assertThat(longHeaders.contentType()).startsWith("application/problem+json");
            assertThat(longHeaders.json().path("detail").asText()).contains("headers").contains("8192 bytes");
        }
    }

    @Test
    void everyServiceIsHealthyAndExposesPrometheusMetrics() {
        for (Service service : Service.values()) {
            var health = pipeline.get(service, "/health");
            var metrics = pipeline.get(service, "/prometheus");

            assertThat(health.status()).as(service + " " + health).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(metrics.status()).as(service + " /prometheus").isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
        }
    }

    @Test
    void healthStaysTrueUnderConcurrentProbes() {
        for (Service service : List.of(Service.INTAKE, Service.SCREENING)) {
            List<Integer> statuses = java.util.stream.IntStream.range(0, 24).parallel()
                    .mapToObj(i -> pipeline.get(service, "/health").status()).toList();

            assertThat(statuses).as(service + " under 24 concurrent probes").containsOnly(200);
            assertThat(pipeline.get(service, "/health").status()).as(service + " afterwards").isEqualTo(200);
        }
    }

    // ---- helpers: HTTP as a client, topics as a consumer ----

    private String openSeedRequisition() {
        return pipeline.openRequisition(SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION);
    }

    private String apply(String requisitionId, String country, int years, String degree) {
        return pipeline.apply(requisitionId, country, years, degree);
    }

    /** Submits applications until one lands on the given partition of the applied topic. */
    private String applyOnPartitionOf(String requisitionId, int partition, int attempts) {
        for (int i = 0; i < attempts; i++) {
            String id = apply(requisitionId, "US", 9, "PHD");
            if (records(Topics.APPLIED, id).getFirst().partition() == partition) {
                return id;
            }
        }
        throw new AssertionError("no application landed on partition " + partition + " in " + attempts + " tries");
    }

    /** An application taken through screening and a passed interview loop to a drafted offer; its id. */
    private String draftedOffer() {
        return pipeline.draftedOffer(openSeedRequisition());
    }

    private JsonNode awaitJson(Service service, String path) {
        return pipeline.awaitOk(service, path);
    }

    private <V> V onlyEvent(Topic<String, V> topic, String applicationId) {
        List<ConsumerRecord<byte[], byte[]>> found = await().atMost(FLOW).until(() -> records(topic, applicationId),
                records -> !records.isEmpty());
        assertThat(found).as("%s events for %s", topic.name(), applicationId).hasSize(1);
        Deserializer<V> values = topic.valueSerde(stack.clientConfigs()).deserializer();
        return values.deserialize(topic.name(), found.getFirst().value());
    }

    private List<ConsumerRecord<byte[], byte[]>> records(Topic<String, ?> topic, String applicationId) {
        return TestTopics.readAll(stack, topic.name()).stream().filter(r -> applicationId.equals(key(r))).toList();
    }

    private long screenedAmong(Set<String> ids, boolean distinct) {
        var keys = TestTopics.readAll(stack, Topics.SCREENED.name()).stream().map(PipelineIT::key).filter(ids::contains);
        return distinct ? keys.distinct().count() : keys.count();
    }

    private KafkaProducer<byte[], byte[]> bytesProducer() {
        return new KafkaProducer<>(stack.kafkaConfigs(Map.of()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaProducer<String, Object> avroProducer() {
        return new KafkaProducer<>(stack.kafkaConfigs(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20)), new StringSerializer(), new AvroSerializer<>(stack.clientConfigs(), false));
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
