package io.hirestream.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run as its
 * own JVM from the jars the build gathered. Its log directory is formatted on first start and
 * kept across restarts. Topics are never auto-created: provisioning declares them.
 */
public final class KafkaBroker extends JvmComponent {

    private final StackPorts ports;
    private final StackPorts.Node node;
    private final Path data;

    private static final String FORMAT_MARKER = "hirestream-format.properties";

    private final Properties adminConfig = new Properties();
    /** Null for a broker without authentication or authorization (PLAINTEXT, every client may do anything). */
    private final StackCredentials credentials;

    /** The stack's first (or only) broker. */
    public KafkaBroker(StackLayout layout, StackPorts ports, String heap) {
        this(layout, ports, ports.nodes().getFirst(), heap, null);
    }

    /** The stack's first (or only) broker, secured with the given credentials (see {@link #KafkaBroker(StackLayout, StackPorts, StackPorts.Node, String, StackCredentials)}). */
    public KafkaBroker(StackLayout layout, StackPorts ports, String heap, StackCredentials credentials) {
        this(layout, ports, ports.nodes().getFirst(), heap, credentials);
    }

    /**
     * One broker of the stack's cluster: {@code kafka} for node 1, {@code kafka-N} for the others,
     * each with its data in a folder of its own. With one node it is its own controller quorum;
     * with several, every node is a voter of a static quorum, and Kafka's internal topics are
     * replicated three ways (as many as there are brokers) with two in sync.
     *
     * <p>With credentials, clients authenticate with SASL/SCRAM-SHA-512 (SASL_PLAINTEXT: the
     * listener is on loopback), the StandardAuthorizer denies whatever no ACL allows, and the
     * broker's own user ({@link StackCredentials#BROKER_USER}) is its only super user; the
     * controller listener authenticates the broker with SASL/PLAIN, since KRaft controllers cannot
     * use SCRAM. The broker user is made when the log directory is formatted; the principals' users
     * and ACLs are provisioned once it runs.
     */
    public KafkaBroker(StackLayout layout, StackPorts ports, StackPorts.Node node, String heap, StackCredentials credentials) {
        super(node.id() == 1 ? "kafka" : "kafka-" + node.id(), layout, heap);
        this.ports = ports;
        this.node = node;
        this.credentials = credentials;
        this.data = node.id() == 1 ? layout.kafkaData() : layout.kafkaData().resolveSibling("kafka-" + node.id());
        if (credentials != null) {
            credentials.clientSettings(StackCredentials.BROKER_USER, "127.0.0.1:" + node.kafka(), Map.of())
                    .forEach((key, value) -> adminConfig.put(key, value));
        }
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + node.kafka());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    }

    @Override
    public Map<Integer, String> ports() {
        Map<Integer, String> taken = new LinkedHashMap<>();
        String suffix = node.id() == 1 ? "" : "_" + node.id();
        taken.put(node.kafka(), "Kafka broker (KAFKA_PORT" + suffix + ")");
        if (credentials != null) {
            taken.put(node.tls(), "Kafka broker TLS (KAFKA_TLS_PORT" + suffix + ")");
        }
        taken.put(node.controller(), "Kafka controller (KAFKA_CONTROLLER_PORT" + suffix + ")");
        return taken;
    }

    @Override
    public String address() {
        return "127.0.0.1:" + node.kafka();
    }

    @Override
    public void start() {
        layout.requireBuilt();
        Path config = writeConfig();
        formatIfNew(config);
        process().start(List.of(Java.launcher(), "-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC",
                        "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true", process().marker(),
                        "-Dlog4j2.configurationFile=" + writeLogConfig(),
                        "-cp", layout.brokerLib() + "/*", "kafka.Kafka", config.toString()),
                data, Map.of());
    }

    @Override
    protected boolean answers() {
        if (StackPorts.isFree(node.kafka())) {
            return false;
        }
        try (Admin client = Admin.create(adminConfig)) {
            client.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            // the listener is up before the broker has joined its own quorum
            return false;
        }
    }

    /**
     * Two client listeners, both taking SCRAM-SHA-512 (and PLAIN, for librdkafka builds too old for
     * Kafka 4's SCRAM: see {@link StackCredentials}): SASL_PLAINTEXT on loopback, and SASL_SSL with
     * the home's certificate for {@code localhost} (see {@link StackCertificates}); the broker's own
     * user is the only super user, and no ACL means denied.
     */
    private void secure(Map<String, String> config) {
        String user = StackCredentials.BROKER_USER;
        String password = credentials.password(user);
        StackCertificates certificates = StackCertificates.forHome(layout);
        config.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + node.kafka() + ",SASL_SSL://127.0.0.1:" + node.tls()
                + ",CONTROLLER://127.0.0.1:" + node.controller());
        config.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + node.kafka() + ",SASL_SSL://localhost:" + node.tls());
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        config.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT");
        config.put("sasl.enabled.mechanisms", StackCredentials.MECHANISM);
        config.put("sasl.mechanism.inter.broker.protocol", StackCredentials.MECHANISM);
        for (String listener : List.of("listener.name.sasl_plaintext.", "listener.name.sasl_ssl.")) {
            config.put(listener + "sasl.enabled.mechanisms", StackCredentials.MECHANISM + "," + StackCredentials.LIBRDKAFKA_MECHANISM);
            config.put(listener + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule"
                    + " required username=\"" + user + "\" password=\"" + password + "\";");
            config.put(listener + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + credentials.plainServerOptions() + ";");
        }
        config.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        config.put("listener.name.sasl_ssl.ssl.keystore.location", certificates.brokerKeyStore().toString());
        config.put("listener.name.sasl_ssl.ssl.keystore.password", certificates.storePassword());
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name.controller.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"" + user + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\";");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", "User:" + user);
        config.put("allow.everyone.if.no.acl.found", "false");
    }

    private Path writeConfig() {
        List<StackPorts.Node> nodes = ports.nodes();
        String replicas = Integer.toString(Math.min(3, nodes.size()));
        String inSync = nodes.size() > 1 ? "2" : "1";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(node.id()));
        if (credentials == null) {
            config.put("listeners", "PLAINTEXT://127.0.0.1:" + node.kafka() + ",CONTROLLER://127.0.0.1:" + node.controller());
            config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.kafka());
            config.put("controller.listener.names", "CONTROLLER");
            config.put("inter.broker.listener.name", "PLAINTEXT");
            config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        } else {
            secure(config);
        }
        if (nodes.size() == 1) {
            config.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + node.controller());
        } else {
            config.put("controller.quorum.voters", nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controller())
                    .reduce((a, b) -> a + "," + b).orElseThrow());
        }
        config.put("log.dirs", data.resolve("logs").toString());
        // One node: the internal topics cannot have more than one replica; a cluster: three, two in sync.
        config.put("offsets.topic.replication.factor", replicas);
        config.put("transaction.state.log.replication.factor", replicas);
        config.put("transaction.state.log.min.isr", inSync);
        config.put("share.coordinator.state.topic.replication.factor", replicas);
        config.put("share.coordinator.state.topic.min.isr", inSync);
        config.put("default.replication.factor", replicas);
        config.put("min.insync.replicas", inSync);
        config.put("group.initial.rebalance.delay.ms", "0");
        // A transaction's first write waits while the producer's previous transaction is still being completed (its
        // markers written); the broker checks again after this pause, 20 ms by default. Every transactional writer here
        // (intake, the stream services) begins its next transaction straight after a commit: 2 ms cut intake's p50 by
        // about a fifth at 16 clients (ops/hirestream bench intake).
        config.put("add.partitions.to.txn.retry.backoff.ms", "2");
        config.put("auto.create.topics.enable", "false");
        config.put("num.partitions", "6");
        config.put("log.cleaner.enable", "true");
        // The cleaner's map of keys to their latest offsets is a buffer on the heap, 128 MB by default: in a 256 MB
        // heap it left G1 about 60 MB of young generation and old occupancy always above the marking threshold (bench
        // intake's last minute: 109 and 111 pauses, 1.4 s, 34 and 37 marking cycles in the run; with 32 MB, 43 to 59
        // pauses, 0.7 to 0.8 s, 2 to 10 cycles). 32 MB maps about 1.3 million keys per cleaning pass; a log with more
        // is cleaned over several passes.
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(32 * 1024 * 1024));
        config.put("log.retention.check.interval.ms", "60000");
        StringBuilder text = new StringBuilder("# written by hirestream's local stack on every start\n");
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Path file = data.resolve("server.properties");
            // It may hold the broker's password: its owner alone reads it.
            SecretFile.write(file, text.toString());
            return file;
        } catch (IOException e) {
            throw new StackException("cannot write the broker's configuration under " + data + ": " + e.getMessage(), e);
        }
    }

    private Path writeLogConfig() {
        String log4j = """
                status = warn
                appender.out.type = Console
                appender.out.name = OUT
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRef.out.ref = OUT
                logger.state.name = state.change.logger
                logger.state.level = WARN
                logger.request.name = kafka.request.logger
                logger.request.level = WARN
                """;
        try {
            Files.createDirectories(data);
            Path file = data.resolve("log4j2.properties");
            Files.writeString(file, log4j, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new StackException("cannot write the broker's log configuration: " + e.getMessage(), e);
        }
    }

    /** The cluster's id: new for a single broker; for a cluster, made once under the stack's data and shared by its nodes. */
    private String clusterId() {
        if (ports.nodes().size() == 1) {
            return Uuid.randomUuid().toString();
        }
        Path file = layout.kafkaData().resolveSibling("kafka-cluster-id");
        try {
            synchronized (KafkaBroker.class) {
                if (!Files.isRegularFile(file)) {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, Uuid.randomUuid().toString());
                }
                return Files.readString(file).trim();
            }
        } catch (IOException e) {
            throw new StackException("cannot keep the cluster id in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Formats the log directory on first start. The controller's address is part of what the
     * format writes, so a later start on another controller port is refused with a clear message.
     */
    private void formatIfNew(Path config) {
        Path marker = data.resolve(FORMAT_MARKER);
        String controller = Integer.toString(node.controller());
        if (Files.isRegularFile(marker)) {
            Properties formatted = new Properties();
            try (var in = Files.newBufferedReader(marker)) {
                formatted.load(in);
            } catch (IOException e) {
                throw new StackException("cannot read " + marker + ": " + e.getMessage(), e);
            }
            String secured = Boolean.toString(credentials != null);
            if (!secured.equals(formatted.getProperty("secured", "false"))) {
                throw new StackException("the broker data under " + data + " was formatted "
                        + (credentials == null ? "with" : "without") + " authentication, and this broker runs "
                        + (credentials == null ? "without" : "with") + " it: remove that folder to start afresh");
            }
            if (!controller.equals(formatted.getProperty("controller.port"))) {
                throw new StackException("the broker data under " + data + " was formatted for controller port "
                        + formatted.getProperty("controller.port") + ", not " + controller
                        + ": set KAFKA_CONTROLLER_PORT=" + formatted.getProperty("controller.port")
                        + " or remove that folder to start afresh");
            }
            return;
        }
        String clusterId = clusterId();
        List<String> command = new ArrayList<>(List.of(Java.launcher(), "-Xmx256m", "-Dlog4j2.configurationFile=" + writeLogConfig(),
                "-cp", layout.brokerLib() + "/*", "kafka.tools.StorageTool", "format"));
        if (ports.nodes().size() == 1) {
            command.add("--standalone");
        }
        command.addAll(List.of("-t", clusterId, "-c", config.toString()));
        if (credentials != null) {
            command.addAll(List.of("--add-scram", StackCredentials.MECHANISM + "=[name=" + StackCredentials.BROKER_USER
                    + ",password=" + credentials.password(StackCredentials.BROKER_USER) + "]"));
        }
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(format.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new StackException("formatting the broker's log directory failed:\n" + output);
            }
            Files.writeString(marker, "cluster.id=" + clusterId + "\ncontroller.port=" + controller
                    + "\nsecured=" + (credentials != null) + "\n");
        } catch (IOException e) {
            throw new StackException("cannot format the broker's log directory: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting the broker's log directory", e);
        }
    }
}
