package io.hirestream.pipeline;

import io.hirestream.serde.AvroSerializer;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.Service;
import io.hirestream.stack.ServiceProcess;
import io.hirestream.testkit.PrivateBroker;
import io.hirestream.testkit.ScratchFolders;
import io.hirestream.testkit.TestTokens;
import io.hirestream.access.Roles;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.KafkaStackExtension;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTopics;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schema registry that goes away is not the records' fault: a service waits for it, says so on
 * {@code /health}, dead-letters nothing, and goes on by itself once the registry is back.
 */
@ExtendWith(KafkaStackExtension.class)
class RegistryOutageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaStack stack;

    @Test
    void screeningWaitsOutARegistryOutageDeadLettersNothingAndScreensEveryApplicationOnceItIsBack(KafkaStack shared)
            throws Exception {
        String requisitionId = "req-outage-" + UUID.randomUUID();
        // A broker of its own: no other screening (the shared pipeline's) may screen these applications meanwhile.
        try (PrivateBroker broker = PrivateBroker.start(shared);
             RegistryLink link = new RegistryLink(shared.registryUrl());
             KafkaProducer<String, Object> producer = new KafkaProducer<>(
                     broker.stack().kafkaConfigs(Map.of()),
                     new StringSerializer(), new AvroSerializer<>(broker.stack().clientConfigs(), false))) {
            this.stack = broker.stack();
            ServiceProcess screening = new ServiceProcess(
                    StackLayout.fromEnvironment().withHome(ScratchFolders.create("hirestream-outage-")),
                    Service.SCREENING, StackPorts.freePort(), stack.bootstrapServers(), link.url(),
                    withSignIn(stack, Map.of("SCREENING_APPLICATION_ID", KafkaStack.unique("hirestream-screening"),
                            "kafka.streams.default.session.timeout.ms", "6000")));
            try {
                producer.send(new ProducerRecord<>(Topics.REQUISITIONS.name(), requisitionId,
                        SampleEvents.seedRequisition(requisitionId))).get();
                LocalStack.startAndAwait(List.of(screening), QUIET);
                // Once caught up and stopped, a restarted screening finds its state, its offsets and its global
                // table's checkpoint, and its serdes have nothing cached: the next records need the registry.
                List<String> before = TestTopics.produceApplied(producer, requisitionId, 1);
                await().atMost(PATIENCE).until(() -> screenedCount(before) == 1);
                screening.process().stop(Duration.ofSeconds(30));
                link.cut();
                LocalStack.startAndAwait(List.of(screening), QUIET);

                List<String> during = TestTopics.produceApplied(producer, requisitionId, 20);
                await().atMost(PATIENCE).until(() -> health(screening), h -> h.statusCode() == 503
                        && h.body().contains("schemaRegistry"));
                assertThat(screenedCount(during)).as("screened while the registry is away").isZero();

                link.mend();
                await().atMost(PATIENCE).until(() -> screenedCount(during) == during.size());
                await().atMost(PATIENCE).until(() -> health(screening).statusCode() == 200);
                assertThat(screenedKeys(during::contains)).as("one screened event per application")
                        .hasSize(during.size()).doesNotHaveDuplicates();
                assertThat(deadLetterKeys(stack, during::contains)).as("dead letters of the applications").isEmpty();
            } finally {
                screening.process().stop(Duration.ofSeconds(30));
            }
        }
    }

    private long screenedCount(List<String> ids) {
        return screenedKeys(Set.copyOf(ids)::contains).stream().distinct().count();
    }

    private List<String> screenedKeys(Predicate<String> wanted) {
        return TestTopics.keys(stack, Topics.SCREENED.name(), wanted);
    }

    private static List<String> deadLetterKeys(KafkaStack stack, Predicate<String> wanted) {
        return TestTopics.keys(stack, Topics.DEAD_LETTERS_TOPIC.name(), wanted);
    }

    private HttpResponse<String> health(ServiceProcess service) {
        try {
            // Its details (which check is down) are for ops.
            return http.send(HttpRequest.newBuilder(URI.create(service.url() + "/health")).timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + TestTokens.token("ops-olga", Roles.OPS)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings with the sign-in of screening's principal, and the test issuer's keys, added. */
    private static Map<String, String> withSignIn(KafkaStack stack, Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.putAll(stack.signIn(Service.SCREENING.id()));
        all.putAll(TestTokens.serviceEnvironment(Service.SCREENING.id()));
        return all;
    }
}
