package io.hirestream.ops;

import io.hirestream.stack.Folders;
import io.hirestream.stack.StackCredentials;
import io.hirestream.stack.StackLayout;
import io.hirestream.testkit.ScratchFolders;
import io.hirestream.topics.Principal;
import io.hirestream.testkit.OpsCli;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The local stack's own life cycle, through the command a person types. It needs a stack of its
 * own (it stops and kills it), in a temporary home on free ports.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackLifecycleIT {

    private Path home;
    private Map<String, String> env;

    @BeforeAll
    void createHome() throws IOException {
        home = ScratchFolders.create("hirestream-lifecycle-");
        env = Map.of("HIRESTREAM_HOME", home.toString());
    }

    @AfterAll
    void stopAndRemove() throws Exception {
        OpsCli.run(env, "down");
        Folders.deleteQuietly(home);
    }

    @Test
    @Order(1)
    void upStartsBrokerAndRegistryWithEveryTopicAndSchema() throws Exception {
        OpsCli.Result up = OpsCli.run(env, "up", "--stack-only", "--free-ports");

        assertThat(up.exitCode()).as(up.toString()).isZero();
        for (var topic : Topics.all()) {
            assertThat(up.out()).containsPattern(topic.name() + "\\s+CREATED");
        }
        for (var topic : Topics.withAvroValues()) {
            assertThat(up.out()).containsPattern(topic.valueSubject() + "\\s+REGISTERED\\s+id \\d+");
        }
        assertThat(up.out()).contains(home.resolve("logs").toString());
        assertThat(home.resolve("logs/kafka.log")).isNotEmptyFile();
        assertThat(new SchemaRegistryClient(RegistryConfig.of(registryUrl())).compatibility(null)).isEqualTo("BACKWARD");
    }

    @Test
    @Order(2)
    void theBrokerRefusesAClientThatDoesNotSignInAndKeepsItsPasswordsToItsOwner() throws Exception {
        Map<String, Object> anonymous = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS_TOPIC.name(), "key", "anonymous")).get())
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        assertThat(Files.getPosixFilePermissions(home.resolve("secrets/kafka-users.properties")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(home.resolve("data/kafka/server.properties")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @Order(2)
    void upTwiceDoesNoHarm() throws Exception {
        OpsCli.Result again = OpsCli.run(env, "up", "--stack-only");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already running").doesNotContain("CREATED").doesNotContain("REGISTERED");
        assertThat(again.out()).containsPattern(Topics.APPLIED.name() + "\\s+OK");
        assertThat(again.out()).containsPattern(Topics.APPLIED.valueSubject() + "\\s+UP_TO_DATE");
    }

    @Test
    @Order(2)
    void everyPartStartedRunsInASessionOfItsOwnSoNoTerminalSignalReachesIt() throws Exception {
        long mine = session(ProcessHandle.current().pid());

        assertThat(pids()).isNotEmpty().allSatisfy(pid -> {
            assertThat(session(pid)).as("session of pid %d", pid).isNotEqualTo(mine);
            assertThat(session(pid)).as("pid %d leads its session", pid).isEqualTo(pid);
        });
    }

    /** The session id of a process, field 6 of /proc/PID/stat (after the command in parentheses). */
    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    @Test
    @Order(3)
    void downThenUpKeepsTopicsRecordsAndSchemas() throws Exception {
        List<String> subjectsBefore = new SchemaRegistryClient(RegistryConfig.of(registryUrl())).subjects();
        write("kept-across-restart");
        List<Long> pids = pids();

        OpsCli.Result down = OpsCli.run(env, "down");
        OpsCli.Result status = OpsCli.run(env, "status");

        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());

        OpsCli.Result up = OpsCli.run(env, "up", "--stack-only");

        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).doesNotContain("CREATED").doesNotContain("REGISTERED");
        assertThat(readAll()).contains("kept-across-restart");
        assertThat(new SchemaRegistryClient(RegistryConfig.of(registryUrl())).subjects())
                .containsExactlyInAnyOrderElementsOf(subjectsBefore);
    }

    @Test
    @Order(4)
    void upRecoversABrokerThatWasKilled() throws Exception {
        long broker = Long.parseLong(Files.readString(home.resolve("run/kafka.pid")).trim());
        ProcessHandle.of(broker).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(broker).filter(ProcessHandle::isAlive).isEmpty());

        OpsCli.Result status = OpsCli.run(env, "status");
        OpsCli.Result up = OpsCli.run(env, "up", "--stack-only");

        assertThat(status.out()).containsPattern("kafka\\s+failed");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.out()).containsPattern("kafka\\s+ready").containsPattern("schema-registry\\s+already running");
        assertThat(readAll()).contains("kept-across-restart");
    }

    @Test
    @Order(5)
    void aPortTakenByAnotherProgramIsNamedInAClearError() throws Exception {
        Path otherHome = ScratchFolders.create("hirestream-port-taken-");
        try (ServerSocket squatter = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int taken = squatter.getLocalPort();
            OpsCli.Result up = OpsCli.run(Map.of("HIRESTREAM_HOME", otherHome.toString(),
                    "KAFKA_PORT", Integer.toString(taken)), "up", "--stack-only");

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.err()).contains("port " + taken).contains("KAFKA_PORT").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(otherHome.resolve("run/kafka.pid")).doesNotExist();
        } finally {
            OpsCli.run(Map.of("HIRESTREAM_HOME", otherHome.toString()), "down");
        }
    }

    private String bootstrap() throws IOException {
        return "127.0.0.1:" + savedPorts().getProperty("KAFKA_PORT");
    }

    /** Client settings that sign in to the stack as its ops principal, with the password the stack made. */
    private Map<String, Object> asOps(Map<String, Object> own) throws IOException {
        return StackCredentials.existing(StackLayout.fromEnvironment().withHome(home)).orElseThrow()
                .clientSettings(Principal.OPS.id(), bootstrap(), own);
    }

    private String registryUrl() throws IOException {
        return "http://127.0.0.1:" + savedPorts().getProperty("SCHEMA_REGISTRY_PORT") + "/apis/ccompat/v7";
    }

    private Properties savedPorts() throws IOException {
        Properties ports = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("run/ports.properties"))) {
            ports.load(in);
        }
        return ports;
    }

    private List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String name : List.of("kafka", "schema-registry")) {
            pids.add(Long.parseLong(Files.readString(home.resolve("run/" + name + ".pid")).trim()));
        }
        return pids;
    }

    private void write(String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(asOps(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS_TOPIC.name(), 0, "key", value)).get();
        }
    }

    private List<String> readAll() throws IOException {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(asOps(Map.of()), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.DEAD_LETTERS_TOPIC.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return consumer.position(partition) >= end;
            });
            return values;
        }
    }
}
