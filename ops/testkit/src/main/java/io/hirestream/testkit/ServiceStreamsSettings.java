package io.hirestream.testkit;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's Kafka Streams settings as its {@code application.yml} gives them
 * ({@code kafka.streams.default}, every placeholder at its default), for its topology tests: the
 * exception handlers, the processing guarantee and the rest are the ones the service runs with,
 * not a copy that could drift. Only what a test driver must have its own of is replaced: the
 * application id, the state folder, the broker, which a test driver never reaches, and the
 * processing guarantee: under exactly-once, TopologyTestDriver loses what a task sends while a
 * record is being enqueued (a poison record's dead letter), which a real stream thread commits.
 * Exactly-once itself is tested against the real broker (the services' integration tests).
 */
public final class ServiceStreamsSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    private ServiceStreamsSettings() {
    }

    /** The settings of the service whose {@code application.yml} is on the class path. */
    public static Properties forTopologyTest(String applicationId) {
        Map<String, Object> yaml = load();
        Map<String, Object> streams = section(yaml, "kafka", "streams", "default");
        Properties properties = new Properties();
        streams.forEach((key, value) -> properties.put(key, resolve(String.valueOf(value), yaml)));
        properties.put("application.id", applicationId);
        properties.put("bootstrap.servers", "unused:9092");
        properties.put("state.dir", Path.of("target", "streams-state", UUID.randomUUID().toString()).toString());
        properties.remove("application.server");
        properties.put("processing.guarantee", "at_least_once");
        return properties;
    }

    private static Map<String, Object> load() {
        try (InputStream in = ServiceStreamsSettings.class.getClassLoader().getResourceAsStream("application.yml")) {
            if (in == null) {
                throw new IllegalStateException("no application.yml on the class path");
            }
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> yaml, String... path) {
        Map<String, Object> at = yaml;
        for (String name : path) {
            Object next = at.get(name);
            if (!(next instanceof Map)) {
                throw new IllegalStateException("application.yml has no " + String.join(".", path));
            }
            at = (Map<String, Object>) next;
        }
        return new LinkedHashMap<>(at);
    }

    /** Every {@code ${ENV:default}} at its default; a {@code ${some.property}} as the file gives it. */
    private static String resolve(String value, Map<String, Object> yaml) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(2) != null ? matcher.group(2).replace("`", "")
                    : resolve(String.valueOf(lookup(yaml, matcher.group(1))), yaml);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object lookup(Map<String, Object> yaml, String property) {
        Object at = yaml;
        for (String name : property.split("\\.")) {
            if (!(at instanceof Map)) {
                return "";
            }
            at = ((Map<String, Object>) at).get(name);
        }
        return at == null ? "" : at;
    }
}
