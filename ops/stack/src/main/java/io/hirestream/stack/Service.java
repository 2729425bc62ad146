package io.hirestream.stack;

import io.hirestream.topics.Principal;

import java.nio.file.Path;
import java.util.Locale;

/**
 * hirestream's services, with the ports of the contract. Each reads its port from
 * {@code <NAME>_PORT} and keeps its Kafka Streams state under {@code <NAME>_STATE_DIR}.
 */
public enum Service {
    FUNNEL(8080),
    INTAKE(8082),
    SCREENING(8083),
    INTERVIEW(8084),
    OFFER(8085);

    private final int defaultPort;

    Service(int defaultPort) {
        this.defaultPort = defaultPort;
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
