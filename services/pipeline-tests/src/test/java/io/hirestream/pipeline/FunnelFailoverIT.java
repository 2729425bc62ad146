package io.hirestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.Service;
import io.hirestream.stack.ServiceProcess;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.stack.StackSecrets;
import io.hirestream.stack.TokenIssuer;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTokens;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two funnel instances, as separate processes. One is killed without warning (SIGKILL): the group
 * keeps its partitions until the session timeout (45 s, left at its default here), yet the
 * survivor answers for the whole funnel within seconds, from the parts those partitions last
 * published. Both are restarted one after the other under a steady load of queries, which a load
 * balancer sends only to instances whose health is up: no query fails or answers partially.
 */
@WithKafkaStack
class FunnelFailoverIT {

    private static final int APPLICATIONS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void losingOneOfTwoInstancesWithoutWarningCostsSecondsOfFullAnswersNotTheSessionTimeout(KafkaStack stack) throws Exception {
        String role = KafkaStack.unique("Failover Engineer");
        write(stack, role);
        Instances instances = Instances.start(stack);
        try {
            ServiceProcess lost = instances.first();
            ServiceProcess survivor = instances.second();
            instances.awaitFullAnswers(role);

            lost.process().running().ifPresent(handle -> {
                handle.destroyForcibly();
                handle.onExit().join();
            });
            long killed = System.nanoTime();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(applied(survivor, role, instances.token())).isEqualTo(APPLICATIONS));
            Duration toFullAnswers = Duration.ofNanos(System.nanoTime() - killed);

            System.out.printf("full answers again %d ms after one of two funnel instances was killed%n", toFullAnswers.toMillis());
            // The goal is 5 s; the bound is generous for a loaded machine, and far below the 45 s session timeout.
            assertThat(toFullAnswers).isLessThan(Duration.ofSeconds(15));
        } finally {
            instances.stop();
        }
    }

    @Test
    void aRollingRestartOfBothInstancesUnderTwoHundredQueriesASecondFailsNoQuery(KafkaStack stack) throws Exception {
        String role = KafkaStack.unique("Rolling Engineer");
        write(stack, role);
        Instances instances = Instances.start(stack);
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        try {
            instances.awaitFullAnswers(role);
            // A load balancer: queries go round the instances in rotation, 200 a second, each answer checked whole.
            List<ServiceProcess> rotation = new CopyOnWriteArrayList<>(List.of(instances.first(), instances.second()));
            Map<ServiceProcess, AtomicInteger> inFlight = Map.of(instances.first(), new AtomicInteger(),
                    instances.second(), new AtomicInteger());
            AtomicLong asked = new AtomicLong();
            List<String> failures = new CopyOnWriteArrayList<>();
            load.scheduleAtFixedRate(() -> {
                ServiceProcess instance = rotation.get((int) (asked.getAndIncrement() % rotation.size()));
                inFlight.get(instance).incrementAndGet();
                Thread.startVirtualThread(() -> {
                    String failure;
                    try {
                        HttpResponse<String> answer = HTTP.send(query(instance, role, instances.token()),
                                HttpResponse.BodyHandlers.ofString());
                        failure = answer.statusCode() != 200 ? answer.statusCode() + " " + answer.body()
                                : appliedIn(answer.body()) != APPLICATIONS ? "partial: " + appliedIn(answer.body()) : null;
                    } catch (Exception e) {
                        failure = e.toString();
                    }
                    if (failure != null) {
                        failures.add(instance.port() + ": " + failure);
                    }
                    inFlight.get(instance).decrementAndGet();
                });
            }, 0, 5, TimeUnit.MILLISECONDS);

            long started = System.nanoTime();
            for (ServiceProcess instance : List.of(instances.first(), instances.second())) {
                rotation.remove(instance);
                await().atMost(Duration.ofSeconds(30)).until(() -> inFlight.get(instance).get() == 0);
                instance.process().stop(Duration.ofSeconds(30));
                // Ready (health up) only once its view is complete: then it goes back into rotation.
                LocalStack.startAndAwait(List.of(instance), new PrintStream(PrintStream.nullOutputStream()));
                rotation.add(instance);
            }
            load.shutdown();
            await().atMost(Duration.ofSeconds(30)).until(() -> inFlight.values().stream().allMatch(n -> n.get() == 0));
            double seconds = (System.nanoTime() - started) / 1e9;

            System.out.printf("rolling restart of two funnel instances: %d queries in %.1f s (%.0f/s), %d failed %s%n",
                    asked.get(), seconds, asked.get() / seconds, failures.size(), failures.stream().limit(5).toList());
            assertThat(failures).isEmpty();
            assertThat(asked.get()).as("queries asked during the restarts").isGreaterThan((long) (150 * seconds));
        } finally {
            load.shutdownNow();
            instances.stop();
        }
    }

    /** Two instances of one funnel application, each a process with its own folder, port and state. */
    private record Instances(ServiceProcess first, ServiceProcess second, String token) {

        static Instances start(KafkaStack stack) throws Exception {
            StackLayout layout = StackLayout.fromEnvironment().withHome(Pipeline.tempHome());
            Map<String, String> settings = new HashMap<>(stack.signIn(Service.FUNNEL.id()));
            settings.putAll(StackSecrets.serviceEnvironment(layout, Service.FUNNEL));
            settings.put(Service.FUNNEL.variable("APPLICATION_ID"), KafkaStack.unique("hirestream-funnel"));
            ServiceProcess first = new ServiceProcess(layout, Service.FUNNEL, StackPorts.freePort(), stack.bootstrapServers(),
                    stack.registryUrl(), settings);
            ServiceProcess second = new ServiceProcess(StackLayout.fromEnvironment().withHome(Pipeline.tempHome()),
                    Service.FUNNEL, StackPorts.freePort(), stack.bootstrapServers(), stack.registryUrl(), settings);
            String token = TokenIssuer.forHome(layout).token(TestTokens.TEST_USER, List.of("recruiter"));
            LocalStack.startAndAwait(List.of(first, second), new PrintStream(PrintStream.nullOutputStream()));
            return new Instances(first, second, token);
        }

        void awaitFullAnswers(String role) {
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
                assertThat(applied(first, role, token)).isEqualTo(APPLICATIONS);
                assertThat(applied(second, role, token)).isEqualTo(APPLICATIONS);
            });
        }

        void stop() {
            first.process().stop(Duration.ofSeconds(10));
            second.process().stop(Duration.ofSeconds(10));
        }
    }

    private static HttpRequest query(ServiceProcess instance, String role, String token) {
        return HttpRequest.newBuilder(URI.create(instance.url() + "/api/funnel?role=" + URLEncoder.encode(role, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).GET().build();
    }

    /** Applications of the role that reached APPLIED, as the instance answers; an exception where it does not answer 200. */
    private static long applied(ServiceProcess instance, String role, String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(query(instance, role, token), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return appliedIn(answer.body());
    }

    private static long appliedIn(String body) {
        try {
            long reached = 0;
            for (JsonNode row : JSON.readTree(body).path("rows")) {
                reached += row.path("reached").path("APPLIED").asLong();
            }
            return reached;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void write(KafkaStack stack, String role) throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                stack.kafkaConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(),
                new AvroSerializer<>(stack.clientConfigs(), false))) {
            for (int i = 0; i < APPLICATIONS; i++) {
                String application = UUID.randomUUID().toString();
                producer.send(new ProducerRecord<>(Topics.APPLIED.name(), application,
                        SampleEvents.applied(application, role, SampleEvents.SEED_LOCATION, Instant.now())));
            }
            producer.flush();
        }
    }
}
