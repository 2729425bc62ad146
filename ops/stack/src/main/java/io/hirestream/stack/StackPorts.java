package io.hirestream.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The loopback ports of the local stack. Defaults are the contract's; each can be overridden by
 * an environment variable ({@code KAFKA_PORT}, {@code KAFKA_CONTROLLER_PORT},
 * {@code SCHEMA_REGISTRY_PORT}, {@code SCHEMA_REGISTRY_MANAGEMENT_PORT}). A cluster of several
 * brokers ({@code up --brokers 3}) has the ports of its further brokers in {@code otherBrokers}
 * (saved as {@code KAFKA_PORT_2}, {@code KAFKA_CONTROLLER_PORT_2}, ...). Each broker also has a
 * TLS listener ({@code KAFKA_TLS_PORT}, 9192 by default; further brokers 9194, 9196, ...).
 */
public record StackPorts(int kafka, int kafkaController, int schemaRegistry, int schemaRegistryManagement,
                         int kafkaTls, List<BrokerPorts> otherBrokers) {

    /** The ports of one broker: its client listener, its controller listener and its TLS listener. */
    public record BrokerPorts(int kafka, int controller, int tls) {
    }

    /** A broker of the stack: its node id (1, 2, ...) and its ports. */
    public record Node(int id, int kafka, int controller, int tls) {
    }

    public StackPorts {
        otherBrokers = List.copyOf(otherBrokers);
    }

    public StackPorts(int kafka, int kafkaController, int schemaRegistry, int schemaRegistryManagement, int kafkaTls) {
        this(kafka, kafkaController, schemaRegistry, schemaRegistryManagement, kafkaTls, List.of());
    }

    /** Every broker of the stack, node 1 first. */
    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node(1, kafka, kafkaController, kafkaTls));
        for (int i = 0; i < otherBrokers.size(); i++) {
            BrokerPorts other = otherBrokers.get(i);
            nodes.add(new Node(i + 2, other.kafka(), other.controller(), other.tls()));
        }
        return nodes;
    }

    /** These ports with as many brokers in all: further brokers on free ports, or on 9094/9095, 9096/9097, ... by default. */
    public StackPorts withBrokers(int brokers, boolean freePorts) {
        List<BrokerPorts> others = new ArrayList<>();
        for (int n = 2; n <= brokers; n++) {
            others.add(n - 2 < otherBrokers.size() ? otherBrokers.get(n - 2)
                    : freePorts ? new BrokerPorts(freePort(), freePort(), freePort())
                    : new BrokerPorts(DEFAULTS.kafka + 2 * (n - 1), DEFAULTS.kafkaController + 2 * (n - 1),
                    DEFAULTS.kafkaTls + 2 * (n - 1)));
        }
        return new StackPorts(kafka, kafkaController, schemaRegistry, schemaRegistryManagement, kafkaTls, others);
    }

    public static final StackPorts DEFAULTS = new StackPorts(9092, 9093, 8081, 9001, 9192);

    public static final String KAFKA = "KAFKA_PORT";
    public static final String KAFKA_CONTROLLER = "KAFKA_CONTROLLER_PORT";
    public static final String KAFKA_TLS = "KAFKA_TLS_PORT";
    public static final String SCHEMA_REGISTRY = "SCHEMA_REGISTRY_PORT";
    public static final String SCHEMA_REGISTRY_MANAGEMENT = "SCHEMA_REGISTRY_MANAGEMENT_PORT";

    /**
     * The ports of the stack under this layout's home: a variable set in the environment wins,
     * then the ports the stack was last started on, then the defaults.
     */
    public static StackPorts forHome(StackLayout layout) {
        Properties saved = new Properties();
        Path file = file(layout);
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file)) {
                saved.load(in);
            } catch (IOException e) {
                throw new StackException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return from(name -> {
            String env = System.getenv(name);
            return env != null && !env.isBlank() ? env : saved.getProperty(name);
        });
    }

    static StackPorts from(Function<String, String> env) {
        List<BrokerPorts> others = new ArrayList<>();
        for (int n = 2; env.apply(KAFKA + "_" + n) != null; n++) {
            others.add(new BrokerPorts(port(env, KAFKA + "_" + n, 0), port(env, KAFKA_CONTROLLER + "_" + n, 0),
                    port(env, KAFKA_TLS + "_" + n, DEFAULTS.kafkaTls + 2 * (n - 1))));
        }
        return new StackPorts(
                port(env, KAFKA, DEFAULTS.kafka),
                port(env, KAFKA_CONTROLLER, DEFAULTS.kafkaController),
                port(env, SCHEMA_REGISTRY, DEFAULTS.schemaRegistry),
                port(env, SCHEMA_REGISTRY_MANAGEMENT, DEFAULTS.schemaRegistryManagement),
                port(env, KAFKA_TLS, DEFAULTS.kafkaTls),
                others);
    }

    /** Remembers these ports under the layout's home, for later commands on the same stack. */
    public void save(StackLayout layout) {
        Path file = file(layout);
        StringBuilder text = new StringBuilder(KAFKA + "=" + kafka + "\n" + KAFKA_CONTROLLER + "=" + kafkaController + "\n"
                + SCHEMA_REGISTRY + "=" + schemaRegistry + "\n" + SCHEMA_REGISTRY_MANAGEMENT + "=" + schemaRegistryManagement + "\n"
                + KAFKA_TLS + "=" + kafkaTls + "\n");
        for (Node node : nodes().subList(1, nodes().size())) {
            text.append(KAFKA).append('_').append(node.id()).append('=').append(node.kafka()).append('\n')
                    .append(KAFKA_CONTROLLER).append('_').append(node.id()).append('=').append(node.controller()).append('\n')
                    .append(KAFKA_TLS).append('_').append(node.id()).append('=').append(node.tls()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** True where a stack under this layout's home was started before and remembered its ports. */
    public static boolean savedUnder(StackLayout layout) {
        return Files.isRegularFile(file(layout));
    }

    private static Path file(StackLayout layout) {
        return layout.run().resolve("ports.properties");
    }

    /** Ports that are free right now, for a stack that must not collide with anything. */
    public static StackPorts free() {
        return new StackPorts(freePort(), freePort(), freePort(), freePort(), freePort());
    }

    /** Every broker's client listener, as clients' {@code bootstrap.servers}. */
    public String kafkaBootstrap() {
        return nodes().stream().map(node -> "127.0.0.1:" + node.kafka()).reduce((a, b) -> a + "," + b).orElseThrow();
    }

    /** Every broker's TLS listener (SASL_SSL), as clients' {@code bootstrap.servers}. */
    public String kafkaTlsBootstrap() {
        return nodes().stream().map(node -> "localhost:" + node.tls()).reduce((a, b) -> a + "," + b).orElseThrow();
    }

    public String registryBaseUrl() {
        return "http://127.0.0.1:" + schemaRegistry;
    }

    /** Where clients find the Confluent-compatible API. */
    public String registryUrl() {
        return registryBaseUrl() + "/apis/ccompat/v7";
    }

    /** True where nothing listens on the loopback port. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A loopback port free now, and not one handed out before by this JVM. Taken from below the
     * system's ephemeral range where there is room: a port the system hands out itself (bind to 0)
     * comes from that range, which every outgoing connection draws from too, so between choosing it
     * and starting the component on it a client connection could take it (seen in bench intake:
     * "port ... is already in use by another program").
     */
    public static synchronized int freePort() {
        int below = EPHEMERAL_RANGE_START;
        int from = 10_000;
        if (below - from >= 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = from + RANDOM.nextInt(below - from);
                if (!HANDED_OUT.contains(port) && isFree(port)) {
                    HANDED_OUT.add(port);
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final Random RANDOM = new Random();
    private static final int EPHEMERAL_RANGE_START = ephemeralRangeStart();

    /** The first port of the system's ephemeral range (Linux: ip_local_port_range), 32768 where unknown. */
    static int ephemeralRangeStart() {
        try {
            // Read by lines: Files.readString trusts the size /proc reports and returns one character.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst();
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }

    private static int port(Function<String, String> env, String name, int fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + "=" + value + " is not a port number (1 to 65535)");
        }
    }
}
