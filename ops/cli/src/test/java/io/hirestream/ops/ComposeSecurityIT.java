package io.hirestream.ops;

import io.hirestream.stack.Folders;
import io.hirestream.clients.ClientSettings;
import io.hirestream.stack.Service;
import io.hirestream.stack.StackLayout;
import io.hirestream.testkit.OpsCli;
import io.hirestream.testkit.ScratchFolders;
import io.hirestream.topics.Principal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * docker-compose.yml's security, run for real without Docker: the secrets the {@code secrets}
 * one-shot makes, a broker configured from {@code kafka-1}'s environment exactly as the
 * apache/kafka image turns it into properties (only addresses, and replication for one node,
 * changed) with its JAAS file, {@code access} and {@code provision} as Compose runs them, and the
 * registry with {@code registry}'s environment keeping its schemas in Kafka as its own principal.
 * Then each service, signed in with the settings file it is handed, writes its own topic and is
 * refused another's; a client without a password, or with a wrong one, is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeSecurityIT {

    private static final StackLayout LAYOUT = StackLayout.fromEnvironment();
    private static final List<Process> STARTED = new ArrayList<>();
    private static Path home;
    private static Path work;
    private static Map<String, Map<String, Object>> compose;
    private static String internal;
    private static String external;

    @BeforeAll
    static void secretsAndABrokerAsComposeConfiguresThem() throws Exception {
        compose = ComposeFile.services();
        work = ScratchFolders.create("hirestream-compose-");
        home = work.resolve("sign-in");
        OpsCli.Result secrets = OpsCli.run(Map.of(), "secrets", "--home", home.toString());
        assertThat(secrets.exitCode()).as(secrets.toString()).isZero();

        Map<Integer, Integer> ports = new HashMap<>();
        Properties server = brokerProperties(ComposeFile.environment(compose.get("kafka-1")), ports);
        internal = "127.0.0.1:" + ports.get(19092);
        external = "127.0.0.1:" + ports.get(9092);
        Path config = work.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            server.store(out, "kafka-1 of docker-compose.yml");
        }
        // The image formats without SCRAM users, and so does this.
        Process format = java(List.of("-cp", LAYOUT.brokerLib() + "/*", "kafka.tools.StorageTool", "format",
                "-t", ComposeFile.environment(compose.get("kafka-1")).get("CLUSTER_ID"), "-c", config.toString()), Map.of(), "format");
        assertThat(format.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(format.exitValue()).as(Files.readString(work.resolve("format.log"))).isZero();
        String jaas = ComposeFile.environment(compose.get("kafka-1")).get("KAFKA_OPTS")
                .replace("/etc/kafka/secrets", home.resolve("broker").toString());
        java(List.of("-Xmx384m", jaas, "-cp", LAYOUT.brokerLib() + "/*", "kafka.Kafka", config.toString()), Map.of(), "kafka-1");
    }

    @AfterAll
    static void stopEverythingStarted() throws IOException {
        for (Process process : STARTED) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : STARTED) {
            process.onExit().join();
        }
        if (work != null) {
            Folders.deleteQuietly(work);
        }
    }

    @Test
    @Order(1)
    void theHealthcheckSignsInWithTheBrokersOwnSettings() throws Exception {
        Map<String, Object> settings = brokerUser();
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
            try (Admin admin = Admin.create(settings)) {
                assertThat(admin.describeCluster().nodes().get(5, TimeUnit.SECONDS)).hasSize(1);
            }
        });
    }

    @Test
    @Order(2)
    void accessMakesEveryUserAndTheDeclaredAclsThenTheRegistryKeepsItsSchemasInKafkaAsItsOwnPrincipal() throws Exception {
        OpsCli.Result access = OpsCli.run(Map.of(), withCluster(command("access")));
        assertThat(access.exitCode()).as(access.toString()).isZero();
        assertThat(access.out()).contains("SASL/SCRAM users for " + Principal.values().length + " principals");

        int http = freePort();
        Map<String, String> environment = new HashMap<>(ComposeFile.environment(compose.get("registry")));
        environment.put("QUARKUS_CONFIG_LOCATIONS", home.resolve("registry/application.properties").toString());
        environment.put("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", internal);
        java(List.of("-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + http,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + freePort(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", LAYOUT.registryJar().toString()),
                environment, "registry");
        String registryUrl = "http://127.0.0.1:" + http + "/apis/ccompat/v7";
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> client.send(
                HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        List<String> provision = new ArrayList<>(List.of(withCluster(command("provision"))));
        provision.addAll(List.of("--registry-url", registryUrl));
        Map<String, String> oneBroker = Map.of("HIRESTREAM_TOPICS_REPLICATION_FACTOR", "1", "HIRESTREAM_TOPICS_MIN_INSYNC_REPLICAS", "1");
        OpsCli.Result provisioned = OpsCli.run(oneBroker, provision.toArray(String[]::new));
        assertThat(provisioned.exitCode()).as(provisioned.toString()).isZero();

        String subjects = client.send(HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(subjects).contains("hiring.applications.applied.v1-value");
        try (Admin admin = Admin.create(brokerUser())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .contains(environment.get("APICURIO_KAFKASQL_TOPIC"));
        }
    }

    @Test
    @Order(3)
    void eachServiceSignsInWithItsSettingsFileAndWritesItsOwnTopicsOnly() throws Exception {
        assertThat(writes(Service.INTAKE, "hiring.applications.applied.v1")).isTrue();
        assertThat(writes(Service.SCREENING, "hiring.applications.screened.v1")).isTrue();
        assertThat(writes(Service.SCREENING, "hiring.applications.applied.v1")).isFalse();
        assertThat(writes(Service.FUNNEL, "hiring.applications.offered.v1")).isFalse();
    }

    @Test
    @Order(4)
    void aClientWithoutAPasswordOrWithAWrongOneIsRefused() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", external, "security.protocol", "PLAINTEXT",
                "default.api.timeout.ms", "5000", "request.timeout.ms", "2000");
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
        }
        Map<String, Object> guessed = ClientSettings.from(Map.of(ClientSettings.BOOTSTRAP_SERVERS, external,
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", ClientSettings.SASL_USERNAME, "intake",
                ClientSettings.SASL_PASSWORD, "guessed")::get);
        try (Admin admin = Admin.create(guessed)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** The service's settings as it reads them: its settings file, each variable under its configuration name. */
    @SuppressWarnings("unchecked")
    private static boolean writes(Service service, String topic) throws Exception {
        Map<String, Object> file;
        try (Reader in = Files.newBufferedReader(home.resolve("services").resolve(service.id() + ".yml"))) {
            file = new Yaml().load(in);
        }
        Map<String, Object> settings = new HashMap<>(ClientSettings.kafkaOnly(ClientSettings.from(variable ->
                ClientSettings.BOOTSTRAP_SERVERS.equals(variable) ? external
                        : (String) file.get(ClientSettings.configurationName(variable)))));
        assertThat(settings).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    /** The brokers' own settings, as the healthcheck's {@code --command-config} reads them. */
    private static Map<String, Object> brokerUser() throws IOException {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve("broker/client.properties"))) {
            settings.load(in);
        }
        Map<String, Object> map = new HashMap<>();
        settings.forEach((key, value) -> map.put((String) key, value));
        map.put("bootstrap.servers", internal);
        return map;
    }

    /** A one-shot's command line as Compose gives it, its home the one the secrets step made here. */
    @SuppressWarnings("unchecked")
    private static List<String> command(String oneShot) {
        return ((List<String>) compose.get(oneShot).get("command")).stream()
                .map(argument -> argument.replace("/var/lib/hirestream", home.toString())).toList();
    }

    private static String[] withCluster(List<String> command) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of("--bootstrap-servers", internal));
        return all.toArray(String[]::new);
    }

    /**
     * The broker's properties as the apache/kafka image makes them from its environment: each
     * KAFKA_ variable but the JVM's, {@code _} a dot, {@code __} an underscore, {@code ___} a dash;
     * then the addresses moved to free loopback ports and one node's replication.
     */
    private static Properties brokerProperties(Map<String, String> environment, Map<Integer, Integer> ports) throws IOException {
        Properties server = new Properties();
        environment.forEach((variable, value) -> {
            if (variable.startsWith("KAFKA_") && !variable.equals("KAFKA_OPTS") && !variable.endsWith("_OPTS")) {
                String name = variable.substring("KAFKA_".length()).replace("___", "-").replace("__", "\u0000")
                        .replace('_', '.').replace('\u0000', '_').toLowerCase(java.util.Locale.ROOT);
                server.setProperty(name, value);
            }
        });
        server.setProperty("listeners", loopback(server.getProperty("listeners"), ports));
        server.setProperty("advertised.listeners", loopback(server.getProperty("advertised.listeners"), ports));
        server.setProperty("controller.quorum.voters", "1@127.0.0.1:" + ports.computeIfAbsent(9093, port -> freePort()));
        server.setProperty("log.dirs", work.resolve("kafka-1").toString());
        for (String replication : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor", "transaction.state.log.min.isr", "min.insync.replicas")) {
            server.setProperty(replication, "1");
        }
        server.setProperty("share.coordinator.state.topic.replication.factor", "1");
        server.setProperty("share.coordinator.state.topic.min.isr", "1");
        return server;
    }

    private static String loopback(String listeners, Map<Integer, Integer> ports) {
        Matcher address = Pattern.compile("//[^:,]*:(\\d+)").matcher(listeners);
        StringBuilder moved = new StringBuilder();
        while (address.find()) {
            int port = ports.computeIfAbsent(Integer.parseInt(address.group(1)), original -> freePort());
            address.appendReplacement(moved, "//127.0.0.1:" + port);
        }
        return address.appendTail(moved).toString();
    }

    private static Process java(List<String> arguments, Map<String, String> environment, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).directory(work.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        STARTED.add(process);
        return process;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
