package io.hirestream.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.access.Roles;
import io.hirestream.events.Candidate;
import io.hirestream.events.CandidateKey;
import io.hirestream.serde.Buffers;
import io.hirestream.service.http.Cursors;
import io.hirestream.service.privacy.Sealing;
import io.hirestream.testkit.TestTokens;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.ServiceInstance;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topics;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The intake service against the real broker and registry, through its HTTP API, as clients use it. */
@WithKafkaStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaStack stack;
    private ServiceInstance intake;

    @BeforeAll
    void start(KafkaStack stack) {
        this.stack = stack;
        intake = ServiceInstance.start(stack, ServiceInstance.freePort(), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> intake.status("/health") == 200);
    }

    @AfterAll
    void stop() {
        intake.close();
    }

    @Test
    void anApplicationWritesTheAppliedEventAndTheContactDetailsAndAnswersWithTheirIds() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Machine Learning Engineer"));

        var response = post("/api/applications", application(requisitionId, "ada@example.org", 9, "PHD"), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        JsonNode ids = JSON.readTree(response.body());
        String applicationId = ids.path("applicationId").asText();
        ApplicationSubmitted applied = applied(applicationId);
        assertThat(applied.getEventId()).isEqualTo(ids.path("eventId").asText());
        assertThat(applied.getRequisitionId()).isEqualTo(requisitionId);
        assertThat(applied.getLocation()).isEqualTo("Remote, US");
        assertThat(applied.getYearsOfExperience()).isEqualTo(9);
        assertThat(applied.getSchema().getField("email")).isNull();
        String candidateId = ids.path("candidateId").asText();
        assertThat(contact(candidateId)).containsExactly("Ada Lovelace", "ada@example.org");
        assertThat(rawCandidate(candidateId)).as("the contact details are sealed, never in clear on the topic")
                .doesNotContain("ada@example.org").doesNotContain("Lovelace");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameIdsAndWritesNothing() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Research Engineer"));
        String key = UUID.randomUUID().toString();
        String body = application(requisitionId, "grace@example.org", 12, "PHD");

        var first = post("/api/applications", body, key);
        var retry = post("/api/applications", body, key);
        var reused = post("/api/applications", application(requisitionId, "grace@example.org", 13, "PHD"), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(reused.body()).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(appliedFor(requisitionId)).hasSize(1);
    }

    @Test
    void aRetryAfterTheRequisitionClosedGetsTheFirstAnswer() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Platform Engineer"));
        String key = UUID.randomUUID().toString();
        String body = application(requisitionId, "hedy@example.org", 10, "PHD");
        var first = post("/api/applications", body, key);
        var closed = intake.send(HttpRequest.POST("/api/requisitions/" + requisitionId + "/close", ""));

        var retry = post("/api/applications", body, key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(appliedFor(requisitionId)).hasSize(1);
    }

    @Test
    void twoInstancesTakingTheSameKeyedRequestAtOnceWriteOneApplicationAndEitherAnswersARetry() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Infrastructure Engineer"));
        try (ServiceInstance other = ServiceInstance.start(stack, ServiceInstance.freePort(), Map.of());
             var both = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> other.status("/api/requisitions/" + requisitionId) == 200);
            List<String> keys = java.util.stream.IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID().toString()).toList();
            Map<String, String> firstIds = new java.util.HashMap<>();
            for (String key : keys) {
                String body = application(requisitionId, key.substring(0, 8) + "@example.org", 9, "PHD");
                var here = both.submit(() -> post(intake, "/api/applications", body, key));
                var there = both.submit(() -> post(other, "/api/applications", body, key));
                var answers = List.of(here.get(), there.get());
                assertThat(answers).extracting(ServiceInstance.Response::status).containsOnly(202);
                assertThat(JSON.readTree(answers.get(0).body())).isEqualTo(JSON.readTree(answers.get(1).body()));
                firstIds.put(key, answers.get(0).body());
            }

            assertThat(appliedFor(requisitionId).stream().map(ApplicationSubmitted::getApplicationId).distinct()).hasSize(keys.size());
            for (String key : keys) {
                String body = application(requisitionId, key.substring(0, 8) + "@example.org", 9, "PHD");
                var retry = post(other, "/api/applications", body, key);
                assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(firstIds.get(key)));
            }
            assertThat(appliedFor(requisitionId).stream().map(ApplicationSubmitted::getApplicationId).distinct()).hasSize(keys.size());
        }
    }

    @Test
    void badRequestsAre400sNamingTheFieldAndWriteNothing() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Applied Scientist"));

        var malformed = post("/api/applications", "{\"requisitionId\": ", null);
        var badEmail = post("/api/applications", application(requisitionId, "not-an-email", 9, "PHD"), null);
        var badCountry = post("/api/applications", application(requisitionId, "x@example.org", 9, "PHD").replace("\"US\"", "\"XY\""), null);
        var outOfRange = post("/api/applications", application(requisitionId, "x@example.org", -1, "PHD"), null);
        var missing = post("/api/applications", "{\"requisitionId\": \"" + requisitionId + "\", \"source\": \"REFERRAL\"}", null);
        var wrongType = post("/api/applications", application(requisitionId, "x@example.org", 9, "PHD").replace("9,", "\"nine\","), null);

        for (var response : List.of(malformed, badEmail, badCountry, outOfRange, missing, wrongType)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("detail").asText()).isNotBlank();
        }
        assertThat(JSON.readTree(badEmail.body()).path("field").asText()).isEqualTo("candidate.email");
        assertThat(JSON.readTree(badCountry.body()).path("field").asText()).isEqualTo("candidate.countryOfResidence");
        assertThat(JSON.readTree(outOfRange.body()).path("field").asText()).isEqualTo("candidate.yearsOfExperience");
        assertThat(JSON.readTree(missing.body()).path("field").asText()).isEqualTo("candidate");
        assertThat(JSON.readTree(wrongType.body()).path("field").asText()).isEqualTo("candidate.yearsOfExperience");
        assertThat(appliedFor(requisitionId)).isEmpty();
    }

    @Test
    void bodiesThatAreNotExactlyTheDocumentAre400sNamingTheFieldAndWriteNothing() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Data Engineer"));
        String valid = application(requisitionId, "x@example.org", 9, "PHD");

        Map<String, String> fieldOf = new java.util.LinkedHashMap<>();
        fieldOf.put(valid + " garbage", "body");
        fieldOf.put(valid.replaceFirst("\\{", "{\"requisitionId\": \"other\", "), "requisitionId");
        fieldOf.put(valid.replaceFirst("\\{", "{\"referrer\": \"someone\", "), "referrer");
        fieldOf.put(application(requisitionId, "<script>@example.org", 9, "PHD"), "candidate.email");
        fieldOf.put(application(requisitionId, "x@example.org\\n", 9, "PHD"), "candidate.email");
        fieldOf.put(application(requisitionId, "x@example", 9, "PHD"), "candidate.email");
        fieldOf.put(valid.replace("Ada Lovelace", "Ada\\u0000Lovelace"), "candidate.name");
        fieldOf.put(valid.replace("9,", "true,"), "candidate.yearsOfExperience");
        fieldOf.put(valid.replace("9,", "9.5,"), "candidate.yearsOfExperience");
        fieldOf.put(requisition("Hostile").replace("158950", "1e100000000"), "salaryMin");
        fieldOf.put(requisition("Hostile").replace("158950", "1e-999999999"), "salaryMin");
        fieldOf.put(requisition("Hostile").replace("327000", "1e400"), "salaryMax");
        fieldOf.put(requisition("Hostile").replace("327000", "1234567890123"), "salaryMax");

        for (var body : fieldOf.entrySet()) {
            var response = post(body.getKey().contains("salaryMin") ? "/api/requisitions" : "/api/applications", body.getKey(), null);
            assertThat(response.status()).as(body.getKey() + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("field").asText()).as(body.getKey()).isEqualTo(body.getValue());
        }
        assertThat(appliedFor(requisitionId)).isEmpty();
    }

    @Test
    void aNameIsKeptInItsComposedUnicodeForm() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Research Scientist"));
        String decomposed = "Rene\u0301e Descartes"; // e + combining acute accent

        var response = post("/api/applications", application(requisitionId, "renee@example.org", 9, "PHD")
                .replace("Ada Lovelace", decomposed), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(contact(JSON.readTree(response.body()).path("candidateId").asText()).getFirst())
                .isEqualTo("Ren\u00e9e Descartes");
    }

    @Test
    void anUnknownOrClosedRequisitionIs422AndWritesNothing() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Staff Engineer"));
        var closed = intake.send(HttpRequest.POST("/api/requisitions/" + requisitionId + "/close", ""));

        var toClosed = post("/api/applications", application(requisitionId, "x@example.org", 9, "PHD"), null);
        var toUnknown = post("/api/applications", application("no-such-requisition", "x@example.org", 9, "PHD"), null);

        assertThat(closed.status()).isEqualTo(200);
        assertThat(JSON.readTree(closed.body()).path("status").asText()).isEqualTo("CLOSED");
        assertThat(toClosed.status()).isEqualTo(422);
        assertThat(JSON.readTree(toClosed.body()).path("detail").asText()).contains("closed");
        assertThat(toUnknown.status()).isEqualTo(422);
        assertThat(JSON.readTree(toUnknown.body()).path("field").asText()).isEqualTo("requisitionId");
        assertThat(appliedFor(requisitionId)).isEmpty();
    }

    @Test
    void requisitionsAreListedAPageAtATimeAndReadBack() throws Exception {
        String role = KafkaStack.unique("Platform Engineer");
        String requisitionId = openSeedRequisition(role);
        openSeedRequisition(KafkaStack.unique("Platform Engineer"));

        JsonNode one = JSON.readTree(intake.send(HttpRequest.GET("/api/requisitions/" + requisitionId)).body());
        List<JsonNode> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(intake.send(HttpRequest.GET("/api/requisitions?status=OPEN&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor))).body());
            assertThat(page.path("items").size()).isEqualTo(1);
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(one.path("role").asText()).isEqualTo(role);
        assertThat(one.path("salaryMin").decimalValue()).isEqualByComparingTo("158950");
        assertThat(one.path("eligibleCountries").get(0).asText()).isEqualTo("US");
        assertThat(all).anySatisfy(r -> assertThat(r.path("requisitionId").asText()).isEqualTo(requisitionId));
        assertThat(all.stream().map(r -> r.path("requisitionId").asText()).toList()).hasSizeGreaterThanOrEqualTo(2)
                .doesNotHaveDuplicates().isSorted();
        assertThat(intake.status("/api/requisitions?limit=0")).isEqualTo(400);
        assertThat(intake.status("/api/requisitions/no-such-requisition")).isEqualTo(404);
    }

    @Test
    void anEmptyPageStillListsItsItemsAndHasNoNextCursor() throws Exception {
        String afterEveryId = Cursors.of("ffffffff-ffff-ffff-ffff-ffffffffffff");

        var page = intake.send(HttpRequest.GET("/api/requisitions?cursor=" + afterEveryId));

        assertThat(page.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.has("items")).as("an empty page lists its items: none").isTrue();
        assertThat(body.path("items").isArray()).isTrue();
        assertThat(body.path("items").size()).isZero();
        assertThat(body.has("nextCursor")).as("the last page says so: nextCursor null").isTrue();
        assertThat(body.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void erasingACandidateShredsTheirKeyTombstonesTheirDetailsAndRecordsWhoAskedWithoutPersonalData() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Erasable Engineer"));
        var submitted = post("/api/applications", application(requisitionId, "erase-me@example.org", 9, "PHD"), null);
        String candidateId = JSON.readTree(submitted.body()).path("candidateId").asText();
        byte[] sealed = rawCandidateValue(candidateId);
        assertThat(contact(candidateId)).contains("erase-me@example.org");

        var erased = intake.send(HttpRequest.DELETE("/api/candidates/" + candidateId)
                .bearerAuth(TestTokens.token("priya-privacy", Roles.PRIVACY)));

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        JsonNode record = JSON.readTree(erased.body());
        assertThat(record.path("candidateId").asText()).isEqualTo(candidateId);
        assertThat(record.path("requestedBy").asText()).isEqualTo("priya-privacy");
        assertThat(lastValue(Topics.CANDIDATE_KEYS.name(), candidateId)).as("the data key").isNull();
        assertThat(lastValue(Topics.CANDIDATES.name(), candidateId)).as("the contact details").isNull();
        byte[] erasure = lastValue(Topics.ERASURES.name(), candidateId);
        assertThat(new String(erasure, StandardCharsets.ISO_8859_1)).contains("priya-privacy").doesNotContain("erase-me");
        // The sealed copy a backup or a replay may still hold opens with no key left on the key topic.
        assertThat(liveKeys()).noneSatisfy(key -> assertThat(Sealing.open(key, candidateId, Sealing.Purpose.CONTACT, sealed)).isPresent());

        assertThat(intake.send(HttpRequest.DELETE("/api/candidates/" + candidateId)).status()).as("erased already").isEqualTo(404);
        assertThat(intake.send(HttpRequest.DELETE("/api/candidates/" + UUID.randomUUID())).status()).as("unknown").isEqualTo(404);
    }

    @Test
    void selfIdentificationGoesToItsOwnTopicOnlyNeverOnTheAppliedEventAndIsErasedWithTheCandidate() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Declaring Engineer"));
        String body = application(requisitionId, "grace@example.org", 9, "PHD").strip();
        body = body.substring(0, body.length() - 1)
                + ", \"selfIdentification\": {\"sex\": \"FEMALE\", \"raceEthnicity\": \"ASIAN\", \"veteran\": \"DECLINED\"}}";

        var submitted = post("/api/applications", body, null);

        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        JsonNode ids = JSON.readTree(submitted.body());
        String applicationId = ids.path("applicationId").asText();
        var declared = (io.hirestream.events.SelfIdentification) Topics.SELF_IDENTIFICATIONS.valueSerde(stack.clientConfigs())
                .deserializer().deserialize(Topics.SELF_IDENTIFICATIONS.name(), lastValue(Topics.SELF_IDENTIFICATIONS.name(), applicationId));
        assertThat(declared.getSex().name()).isEqualTo("FEMALE");
        assertThat(declared.getRaceEthnicity().name()).isEqualTo("ASIAN");
        assertThat(declared.getDisability().name()).as("left out: declined").isEqualTo("DECLINED");
        assertThat(applied(applicationId).getSchema().getFields()).extracting(field -> field.name())
                .as("the applied event carries none of it").doesNotContain("sex", "raceEthnicity", "veteran", "disability",
                        "selfIdentification");

        var refused = post("/api/applications", body.replace("\"ASIAN\"", "\"MARTIAN\""), null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("selfIdentification.raceEthnicity");

        var erased = intake.send(HttpRequest.DELETE("/api/candidates/" + ids.path("candidateId").asText())
                .bearerAuth(TestTokens.token("priya-privacy", Roles.PRIVACY)));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(lastValue(Topics.SELF_IDENTIFICATIONS.name(), applicationId)).as("erased with the candidate").isNull();
    }

    @Test
    void withTheBrokerUnreachableARequestIs503WithinBoundedTimeAndHealthIsDown() {
        try (ServiceInstance cut = ServiceInstance.start(stack, ServiceInstance.freePort(),
                Map.of("kafka.bootstrap.servers", "127.0.0.1:" + ServiceInstance.freePort(),
                        "hirestream.intake.write-timeout", "5s"))) {
            long started = System.nanoTime();
            var response = cut.send(HttpRequest.POST("/api/requisitions", requisition("Any Role"))
                    .contentType(MediaType.APPLICATION_JSON_TYPE));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(seconds).isLessThan(15);
            assertThat(cut.status("/health")).isEqualTo(503);
        }
    }

    @Test
    void aClientThatSubmitsFasterThanTheLimitIsToldWhenToRetryAndNothingOfTheRefusedIsWritten() throws Exception {
        String requisitionId = openSeedRequisition(KafkaStack.unique("Rate Limited Engineer"));
        try (ServiceInstance limited = ServiceInstance.start(stack, ServiceInstance.freePort(),
                Map.of("hirestream.intake.rate-limit", "1"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> limited.status("/health") == 200);
            List<ServiceInstance.Response> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(limited.sendAsIs(HttpRequest.POST("/api/applications",
                        application(requisitionId, "burst-" + i + "@example.org", 9, "PHD")).contentType(MediaType.APPLICATION_JSON_TYPE)));
            }

            // One a second, in bursts of two: the first two go through, the rest of the burst is refused.
            assertThat(answers.subList(0, 2)).extracting(ServiceInstance.Response::status).containsOnly(202);
            ServiceInstance.Response refused = answers.get(answers.size() - 1);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(Integer.parseInt(refused.retryAfter())).isBetween(1, 2);
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("try again in");
            long accepted = answers.stream().filter(answer -> answer.status() == 202).count();
            var deserializer = Topics.APPLIED.valueSerde(stack.clientConfigs()).deserializer();
            long written = TestTopics.readAll(stack, Topics.APPLIED.name()).stream()
                    .map(r -> (ApplicationSubmitted) deserializer.deserialize(Topics.APPLIED.name(), r.value()))
                    .filter(applied -> requisitionId.equals(applied.getRequisitionId())).count();
            assertThat(written).isEqualTo(accepted);
        }
    }

    private String openSeedRequisition(String role) throws Exception {
        var response = intake.send(HttpRequest.POST("/api/requisitions", requisition(role)).contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return JSON.readTree(response.body()).path("requisitionId").asText();
    }

    private static String requisition(String role) {
        return """
                {"role": "%s", "location": "Remote, US", "department": "ML Research",
                 "salaryMin": 158950, "salaryMax": 327000, "currency": "USD",
                 "minYearsOfExperience": 8, "minDegree": "MASTERS", "eligibleCountries": ["US"]}
                """.formatted(role);
    }

    private static String application(String requisitionId, String email, int years, String degree) {
        return """
                {"requisitionId": "%s", "source": "REFERRAL",
                 "candidate": {"name": "Ada Lovelace", "email": "%s", "countryOfResidence": "US",
                               "yearsOfExperience": %d, "highestDegree": "%s"}}
                """.formatted(requisitionId, email, years, degree);
    }

    private ServiceInstance.Response post(String path, String body, String idempotencyKey) {
        return post(intake, path, body, idempotencyKey);
    }

    private static ServiceInstance.Response post(ServiceInstance instance, String path, String body, String idempotencyKey) {
        var request = HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return instance.send(request);
    }

    private ApplicationSubmitted applied(String applicationId) {
        var deserializer = Topics.APPLIED.valueSerde(stack.clientConfigs()).deserializer();
        return TestTopics.readUntil(stack, Topics.APPLIED.name(),
                        all -> all.stream().anyMatch(r -> applicationId.equals(new String(r.key(), StandardCharsets.UTF_8))))
                .stream().filter(r -> applicationId.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> deserializer.deserialize(Topics.APPLIED.name(), r.value()))
                .findFirst().orElseThrow();
    }

    private List<ApplicationSubmitted> appliedFor(String requisitionId) {
        var deserializer = Topics.APPLIED.valueSerde(stack.clientConfigs()).deserializer();
        return TestTopics.readAll(stack, Topics.APPLIED.name()).stream()
                .map(r -> deserializer.deserialize(Topics.APPLIED.name(), r.value()))
                .filter(e -> requisitionId.equals(e.getRequisitionId()))
                .toList();
    }

    /** The candidate's name and email, opened with their data key from the key topic, as intake sealed them. */
    private List<String> contact(String candidateId) {
        Candidate candidate = (Candidate) Topics.CANDIDATES.valueSerde(stack.clientConfigs()).deserializer()
                .deserialize(Topics.CANDIDATES.name(), rawCandidateValue(candidateId));
        var keys = Topics.CANDIDATE_KEYS.valueSerde(stack.clientConfigs()).deserializer();
        CandidateKey key = (CandidateKey) keys.deserialize(Topics.CANDIDATE_KEYS.name(), lastValue(Topics.CANDIDATE_KEYS.name(), candidateId));
        String opened = Sealing.open(Sealing.dataKey(key), candidateId, Sealing.Purpose.CONTACT, Buffers.copy(candidate.getSealedContact()))
                .orElseThrow();
        return List.of(opened.split("\n"));
    }

    private String rawCandidate(String candidateId) {
        return new String(rawCandidateValue(candidateId), StandardCharsets.ISO_8859_1);
    }

    private byte[] rawCandidateValue(String candidateId) {
        return lastValue(Topics.CANDIDATES.name(), candidateId);
    }

    /** The last value written under the key (null for a tombstone), once there is one. */
    private byte[] lastValue(String topic, String key) {
        return TestTopics.readUntil(stack, topic, all -> all.stream().anyMatch(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))))
                .stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).reduce((first, second) -> second)
                .orElseThrow().value();
    }

    /** Every data key still on the key topic. */
    private List<byte[]> liveKeys() {
        var keys = Topics.CANDIDATE_KEYS.valueSerde(stack.clientConfigs()).deserializer();
        return TestTopics.latest(stack, Topics.CANDIDATE_KEYS.name()).values().stream()
                .map(value -> Sealing.dataKey((CandidateKey) keys.deserialize(Topics.CANDIDATE_KEYS.name(), value))).toList();
    }

}
