package io.hirestream.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.PrivateBroker;
import io.hirestream.testkit.ServiceInstance;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topics;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Intake tells the truth when the broker stalls: a request is answered 202 only once its
 * application is written, 503 only when it surely is not, and otherwise 504 (outcome unknown) or
 * 409 (the same key still being settled); retries with the same Idempotency-Key end with exactly
 * one application per key, and intake is healthy again by itself.
 */
@WithKafkaStack
class IntakeUnderBrokerTroubleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEYS = 60;
    private static final Duration PAUSE = Duration.ofSeconds(10);

    @Test
    void aBrokerFrozenForTenSecondsDuringABurstLeavesEveryKeyWithExactlyOneApplicationAndEvery202WithItsEvent(KafkaStack shared)
            throws Exception {
        try (PrivateBroker broker = PrivateBroker.start(shared);
             ServiceInstance intake = ServiceInstance.start(broker.stack(), ServiceInstance.freePort(),
                     Map.of("hirestream.intake.write-timeout", "5s"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> intake.status("/health") == 200);
            String requisitionId = openRequisition(intake);
            Map<String, Set<String>> acceptedIds = new ConcurrentHashMap<>();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger answered = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> keys = new ArrayList<>();
            try {
                for (int i = 0; i < KEYS; i++) {
                    String key = "burst-" + UUID.randomUUID();
                    String body = application(requisitionId, key + "@example.org");
                    keys.add(clients.submit(() -> await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                            .until(() -> {
                                var reply = post(intake, body, key);
                                answered.incrementAndGet();
                                statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                                assertThat(reply.status()).as(reply.toString()).isIn(202, 409, 503, 504);
                                assertThat(reply.contentType()).as(reply.toString())
                                        .startsWith(reply.status() == 202 ? "application/json" : "application/problem+json");
                                if (reply.status() == 202) {
                                    acceptedIds.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                                            .add(json(reply.body()).path("applicationId").asText());
                                }
                                return reply.status() == 202;
                            })));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 10);
                Instant pausedAt = Instant.now();
                broker.pause();
                try {
                    // Frozen for the whole pause, and long enough that clients have been told of the trouble.
                    await().atMost(PAUSE.plusSeconds(30)).until(() -> Duration.between(pausedAt, Instant.now()).compareTo(PAUSE) >= 0
                            && statuses.keySet().stream().anyMatch(status -> status != 202));
                } finally {
                    broker.resume();
                }
                for (Future<?> key : keys) {
                    key.get();
                }
            } finally {
                clients.shutdownNow();
            }

            assertThat(acceptedIds).hasSize(KEYS);
            assertThat(acceptedIds.values()).as("every 202 for a key names the same application").allSatisfy(ids ->
                    assertThat(ids).hasSize(1));
            List<String> written = appliedFor(broker.stack(), requisitionId, KEYS);
            Set<String> answeredIds = acceptedIds.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            assertThat(written).as("applied events of the requisition (answers seen: %s)", statuses)
                    .hasSize(KEYS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(answeredIds);
            await().atMost(Duration.ofSeconds(30)).until(() -> intake.status("/health") == 200);
        }
    }

    /**
     * The requisition's applied events, read (committed only) until there are at least {@code expected}
     * or a minute has passed. A transaction's commit markers reach its partitions one by one after the
     * commit: a retry answered from its receipt, seen on the receipts topic, may come a moment before
     * the applied event is readable on its own partition.
     */
    private static List<String> appliedFor(KafkaStack stack, String requisitionId, int expected) {
        var values = Topics.APPLIED.valueSerde(stack.clientConfigs()).deserializer();
        Function<List<ConsumerRecord<byte[], byte[]>>, List<String>> ofRequisition = records -> records.stream()
                .map(r -> (ApplicationSubmitted) values.deserialize(Topics.APPLIED.name(), r.value()))
                .filter(applied -> requisitionId.equals(applied.getRequisitionId()))
                .map(ApplicationSubmitted::getApplicationId).toList();
        return ofRequisition.apply(TestTopics.readUntil(stack, Topics.APPLIED.name(),
                records -> ofRequisition.apply(records).size() >= expected));
    }

    private static String openRequisition(ServiceInstance intake) {
        var response = intake.send(HttpRequest.POST("/api/requisitions", """
                {"role": "Machine Learning Engineer", "location": "Remote, US", "department": "ML Research",
                 "salaryMin": 158950, "salaryMax": 327000, "currency": "USD",
                 "minYearsOfExperience": 8, "minDegree": "MASTERS", "eligibleCountries": ["US"]}
                """).contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return json(response.body()).path("requisitionId").asText();
    }

    private static String application(String requisitionId, String email) {
        return """
                {"requisitionId": "%s", "source": "REFERRAL",
                 "candidate": {"name": "Ada Lovelace", "email": "%s", "countryOfResidence": "US",
                               "yearsOfExperience": 9, "highestDegree": "PHD"}}
                """.formatted(requisitionId, email);
    }

    private static ServiceInstance.Response post(ServiceInstance intake, String body, String key) {
        return intake.send(HttpRequest.POST("/api/applications", body).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Idempotency-Key", key));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
