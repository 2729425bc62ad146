package io.hirestream.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final String FORMAT_MARKER = "hirestream-format.properties";

    private final Properties adminConfig = new Properties();

    public KafkaBroker(StackLayout layout, StackPorts ports, String heap) {
        super("kafka", layout, heap);
        this.ports = ports;
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ports.kafkaBootstrap());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    }

    @Override
    public Map<Integer, String> ports() {
        Map<Integer, String> taken = new LinkedHashMap<>();
        taken.put(ports.kafka(), "Kafka broker (KAFKA_PORT)");
        taken.put(ports.kafkaController(), "Kafka controller (KAFKA_CONTROLLER_PORT)");
        return taken;
    }

    @Override
    public String address() {
        return ports.kafkaBootstrap();
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
                layout.kafkaData(), Map.of());
    }

    @Override
    protected boolean answers() {
        if (StackPorts.isFree(ports.kafka())) {
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

    private Path writeConfig() {
        Path data = layout.kafkaData();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka() + ",CONTROLLER://127.0.0.1:" + ports.kafkaController());
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka());
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + ports.kafkaController());
        config.put("log.dirs", data.resolve("logs").toString());
        // One node: the internal topics cannot have more than one replica.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "false");
        config.put("num.partitions", "6");
        config.put("log.cleaner.enable", "true");
        config.put("log.retention.check.interval.ms", "60000");
        StringBuilder text = new StringBuilder("# written by hirestream's local stack on every start\n");
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(data);
            Path file = data.resolve("server.properties");
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
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
            Path file = layout.kafkaData().resolve("log4j2.properties");
            Files.writeString(file, log4j, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new StackException("cannot write the broker's log configuration: " + e.getMessage(), e);
        }
    }

    /**
     * Formats the log directory on first start. The controller's address is part of what the
     * format writes, so a later start on another controller port is refused with a clear message.
     */
    private void formatIfNew(Path config) {
        Path marker = layout.kafkaData().resolve(FORMAT_MARKER);
        String controller = Integer.toString(ports.kafkaController());
        if (Files.isRegularFile(marker)) {
            Properties formatted = new Properties();
            try (var in = Files.newBufferedReader(marker)) {
                formatted.load(in);
            } catch (IOException e) {
                throw new StackException("cannot read " + marker + ": " + e.getMessage(), e);
            }
            if (!controller.equals(formatted.getProperty("controller.port"))) {
                throw new StackException("the broker data under " + layout.kafkaData() + " was formatted for controller port "
                        + formatted.getProperty("controller.port") + ", not " + controller
                        + ": set KAFKA_CONTROLLER_PORT=" + formatted.getProperty("controller.port")
                        + " or remove that folder to start afresh");
            }
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        List<String> command = List.of(Java.launcher(), "-Xmx256m", "-Dlog4j2.configurationFile=" + writeLogConfig(),
                "-cp", layout.brokerLib() + "/*", "kafka.tools.StorageTool", "format", "--standalone",
                "-t", clusterId, "-c", config.toString());
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(format.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new StackException("formatting the broker's log directory failed:\n" + output);
            }
            Files.writeString(marker, "cluster.id=" + clusterId + "\ncontroller.port=" + controller + "\n");
        } catch (IOException e) {
            throw new StackException("cannot format the broker's log directory: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting the broker's log directory", e);
        }
    }
}
