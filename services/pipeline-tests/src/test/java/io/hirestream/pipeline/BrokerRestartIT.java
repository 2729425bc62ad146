package io.hirestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.hirestream.stack.Service;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.KafkaStackExtension;
import io.hirestream.testkit.PrivateBroker;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTopics;
import io.hirestream.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker of a single-broker pipeline restarts mid-stream: every service goes on by itself,
 * without a restart of its own, and no event is lost or doubled.
 */
@ExtendWith(KafkaStackExtension.class)
class BrokerRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int BEFORE = 15;
    private static final int AFTER = 15;

    @Test
    void everyServiceResumesByItselfAfterTheBrokerRestartsAndCountsEachApplicationOnce(KafkaStack shared) {
        try (PrivateBroker broker = PrivateBroker.start(shared); Pipeline pipeline = Pipeline.start(broker.stack())) {
            String role = "Restart Engineer " + UUID.randomUUID().toString().substring(0, 6);
            String requisitionId = pipeline.openRequisition(role, SampleEvents.SEED_LOCATION);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < BEFORE; i++) {
                ids.add(pipeline.applyUntilAccepted(requisitionId));
            }
            List<Long> pids = pids(pipeline);

            broker.restart();
            for (int i = 0; i < AFTER; i++) {
                ids.add(pipeline.applyUntilAccepted(requisitionId));
            }
            String offered = ids.getLast();
            driveToOffer(pipeline, offered);

            Set<String> all = Set.copyOf(ids);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(TestTopics.keys(broker.stack(), Topics.SCREENED.name(), all::contains))
                    .as("screened events").hasSize(ids.size()));
            assertThat(TestTopics.keys(broker.stack(), Topics.SCREENED.name(), all::contains)).doesNotHaveDuplicates();
            assertThat(TestTopics.keys(broker.stack(), Topics.APPLIED.name(), all::contains)).hasSize(ids.size()).doesNotHaveDuplicates();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(TestTopics.keys(broker.stack(), Topics.OFFERED.name(), offered::equals))
                    .containsExactly(offered));
            await().atMost(PATIENCE).until(() -> pipeline.get(Service.FUNNEL, "/api/funnel?role=" + role.replace(" ", "%20")),
                    reply -> reply.status() == 200 && reply.json().path("total").path("reached").path("SCREENED").asLong() == ids.size()
                            && reply.json().path("total").path("reached").path("OFFERED").asLong() == 1);
            for (Service service : Service.values()) {
                await().atMost(PATIENCE).ignoreExceptions().until(() -> pipeline.get(service, "/health").status() == 200);
            }
            assertThat(pids(pipeline)).as("the services' pids: none was restarted").isEqualTo(pids);
        }
    }

    /** Plays the interviewers and the recruiter for one application, retrying while a service catches up. */
    private static void driveToOffer(Pipeline pipeline, String applicationId) {
        JsonNode loop = await().atMost(PATIENCE).until(() -> pipeline.get(Service.INTERVIEW, "/api/interviews/" + applicationId),
                reply -> reply.status() == 200).json();
        for (JsonNode round : loop.path("rounds")) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> pipeline.post(Service.INTERVIEW,
                    "/api/interviews/" + applicationId + "/feedback", """
                            {"round": "%s", "recommendation": "YES", "notes": "calm under pressure"}
                            """.formatted(round.asText())).status(), answeredOrAlreadyTaken());
        }
        await().atMost(PATIENCE).until(() -> pipeline.get(Service.OFFER, "/api/offers/" + applicationId).status() == 200);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> pipeline.post(Service.OFFER,
                "/api/offers/" + applicationId + "/approve", "{}").status(), answeredOrAlreadyTaken());
    }

    /** 200: taken in now; 409: an earlier attempt whose answer was lost (504, a broken connection) was taken in. */
    private static org.hamcrest.Matcher<Integer> answeredOrAlreadyTaken() {
        return org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(409));
    }

    private static List<Long> pids(Pipeline pipeline) {
        return java.util.Arrays.stream(Service.values())
                .map(service -> pipeline.process(service).process().running().orElseThrow().pid()).toList();
    }
}
