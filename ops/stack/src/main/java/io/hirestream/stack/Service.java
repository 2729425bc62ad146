package io.hirestream.stack;

import io.hirestream.topics.Principal;

import java.nio.file.Path;
import java.util.Locale;

/**
 * hirestream's services, with the ports of the contract. Each reads its port from
 * {@code <NAME>_PORT} and keeps its Kafka Streams state under {@code <NAME>_STATE_DIR}.
 */
public enum Service {
    // The funnel keeps every row, its rollups and each partition's part of each row in memory: with
    // 10,000 rows and sketches of time to stage, 192 MB went to garbage collection (bench queries).
    FUNNEL(8080, "768m"),
    INTAKE(8082, "192m"),
    SCREENING(8083, "192m"),
    INTERVIEW(8084, "192m"),
    OFFER(8085, "192m");

    private final int defaultPort;
    private final String heap;

    Service(int defaultPort, String heap) {
        this.defaultPort = defaultPort;
        this.heap = heap;
    }

    /** The most heap its JVM takes (-Xmx) when the stack runs it. */
    public String heap() {
        return heap;
    }

    /** The lower-case name: {@code funnel}, {@code intake}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Kafka principal it signs in as. */
    public Principal principal() {
        return Principal.valueOf(name());
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The port from {@code <NAME>_PORT} where set, else the contract's. */
    public int configuredPort() {
        String value = System.getenv(portVariable());
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StackException(portVariable() + "=" + value + " is not a port number");
        }
    }

    /** Where the home's running instance answers: the port it was started on, else the configured one. */
    public String localUrl(StackLayout layout) {
        return "http://127.0.0.1:" + new ManagedProcess(id(), layout).launchedWith(portVariable())
                .orElse(Integer.toString(configuredPort()));
    }

    /** The environment variable a service and the stack read its port from. */
    public String portVariable() {
        return name() + "_PORT";
    }

    /** The variable prefix of the service's own settings ({@code OFFER_AUTO_APPROVE}, ...). */
    public String variable(String setting) {
        return name() + "_" + setting;
    }

    /** The runnable jar the build leaves, with its dependencies in {@code lib/} beside it. */
    public Path jar(Path repo) {
        return repo.resolve("services").resolve(id()).resolve("target").resolve("hirestream-" + id() + ".jar");
    }
}
