package io.hirestream.pipeline;

import io.hirestream.stack.StackCredentials;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.Service;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.OpsCli;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTopics;
import io.hirestream.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ops/hirestream up --brokers 3}: a local three-broker KRaft cluster, topics replicated three
 * ways with two in sync. One broker is killed (SIGKILL) under load and later started again: no
 * service stops, and no event is lost or doubled.
 */
class ThreeBrokersIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private final Path home = Pipeline.tempHome();

    @AfterEach
    void stopAndRemove() throws Exception {
        OpsCli.run(Map.of(), "down", "--home", home.toString());
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aBrokerKilledUnderLoadAndStartedAgainStopsNoServiceAndLosesOrDoublesNoEvent() throws Exception {
        Path env = home.resolve("cluster.env");
        OpsCli.Result up = OpsCli.run(Map.of(), "up", "--brokers", "3", "--stack-only", "--free-ports",
                "--home", home.toString(), "--env-file", env.toString());
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).contains("replication 3, min ISR 2");
        KafkaStack cluster = clusterFrom(env, StackCredentials.existing(StackLayout.fromEnvironment().withHome(home)).orElseThrow());
        assertThat(cluster.bootstrapServers().split(",")).hasSize(3);

        try (Pipeline pipeline = Pipeline.start(cluster, Pipeline.tempHome(), Map.of("HIRESTREAM_TOPICS_REPLICATION_FACTOR", "3"))) {
            String role = "Cluster Engineer " + UUID.randomUUID().toString().substring(0, 6);
            String requisitionId = pipeline.openRequisition(role, SampleEvents.SEED_LOCATION);
            List<Long> pids = Stream.of(Service.values()).map(s -> pipeline.process(s).process().running().orElseThrow().pid()).toList();
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            Thread load = new Thread(() -> {
                while (!stop.get() && ids.size() < 2_000) {
                    ids.add(pipeline.applyUntilAccepted(requisitionId));
                }
            }, "cluster-load");
            load.start();
            try {
                await().atMost(PATIENCE).until(() -> ids.size() >= 20);
                long killed = Long.parseLong(Files.readString(home.resolve("run/kafka-2.pid")).trim());
                ProcessHandle.of(killed).ifPresent(broker -> {
                    broker.destroyForcibly();
                    broker.onExit().join();
                });
                int atKill = ids.size();
                await().atMost(PATIENCE).until(() -> ids.size() >= atKill + 20);
                OpsCli.Result again = OpsCli.run(Map.of(), "up", "--stack-only", "--home", home.toString());
                assertThat(again.exitCode()).as(again.toString()).isZero();
                int atRestart = ids.size();
                await().atMost(PATIENCE).until(() -> ids.size() >= atRestart + 20);
            } finally {
                stop.set(true);
                load.join(PATIENCE);
            }

            Set<String> all = Set.copyOf(ids);
            assertThat(all).hasSize(ids.size());
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(TestTopics.keys(cluster, Topics.SCREENED.name(), all::contains)).hasSize(all.size()));
            assertThat(TestTopics.keys(cluster, Topics.SCREENED.name(), all::contains)).doesNotHaveDuplicates();
            assertThat(TestTopics.keys(cluster, Topics.APPLIED.name(), all::contains)).hasSize(all.size()).doesNotHaveDuplicates();
            await().atMost(PATIENCE).ignoreExceptions().until(() -> pipeline.get(Service.FUNNEL,
                    "/api/funnel?role=" + role.replace(" ", "%20")).json().path("total").path("reached").path("SCREENED")
                    .asLong() == all.size());
            for (Service service : Service.values()) {
                await().atMost(PATIENCE).ignoreExceptions().until(() -> pipeline.get(service, "/health").status() == 200);
            }
            assertThat(Stream.of(Service.values()).map(s -> pipeline.process(s).process().running().orElseThrow().pid()).toList())
                    .as("no service stopped").isEqualTo(pids);
        }
    }

    /** The cluster the env file names, signing in with the passwords its stack made. */
    private static KafkaStack clusterFrom(Path env, StackCredentials credentials) throws IOException {
        Properties values = new Properties();
        try (var in = Files.newBufferedReader(env)) {
            values.load(in);
        }
        return new KafkaStack() {
            @Override
            public String bootstrapServers() {
                return values.getProperty("KAFKA_BOOTSTRAP_SERVERS");
            }

            @Override
            public String registryUrl() {
                return values.getProperty("SCHEMA_REGISTRY_URL");
            }

            @Override
            public String description() {
                return "a local three-broker cluster at " + bootstrapServers();
            }

            @Override
            public Map<String, String> signIn(String user) {
                return credentials.environment(user);
            }
        };
    }

}
