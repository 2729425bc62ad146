package io.hirestream.topics;

import java.util.Map;
import java.util.function.Function;

/**
 * Partition count, replication factor and min in-sync replicas: the parts of a topic declaration
 * that differ between a laptop (6, 1, 1) and production (sized for the largest number of
 * instances expected, 3, 2). Read from the same keys everywhere, as properties or environment
 * variables: {@code hirestream.topics.partitions} / {@code HIRESTREAM_TOPICS_PARTITIONS} and so on.
 */
public record TopicSettings(int partitions, short replicationFactor, int minInsyncReplicas) {

    public static final String PARTITIONS = "hirestream.topics.partitions";
    public static final String REPLICATION_FACTOR = "hirestream.topics.replication-factor";
    public static final String MIN_INSYNC_REPLICAS = "hirestream.topics.min-insync-replicas";

    public static final TopicSettings LOCAL = new TopicSettings(6, (short) 1, 1);

    public TopicSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min in-sync replicas must be between 1 and the replication factor ("
                    + replicationFactor + "), was " + minInsyncReplicas);
        }
    }

    /** Settings from the environment (upper-case, underscores) or system properties, with local defaults. */
    public static TopicSettings fromEnvironment() {
        return fromEnvironment(1);
    }

    /**
     * Settings for a cluster of this many brokers, from the environment where set: by default
     * replicated to as many brokers as there are, up to three, with two in sync where there are several.
     */
    public static TopicSettings fromEnvironment(int brokers) {
        TopicSettings defaults = new TopicSettings(LOCAL.partitions(), (short) Math.min(3, brokers), brokers > 1 ? 2 : 1);
        return from(key -> {
            String env = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
            return env != null && !env.isBlank() ? env : System.getProperty(key);
        }, defaults);
    }

    public static TopicSettings from(Map<String, ?> properties) {
        return from(key -> properties.get(key) == null ? null : properties.get(key).toString());
    }

    private static TopicSettings from(Function<String, String> lookup) {
        return from(lookup, LOCAL);
    }

    private static TopicSettings from(Function<String, String> lookup, TopicSettings defaults) {
        return new TopicSettings(
                intOr(lookup.apply(PARTITIONS), defaults.partitions()),
                (short) intOr(lookup.apply(REPLICATION_FACTOR), defaults.replicationFactor()),
                intOr(lookup.apply(MIN_INSYNC_REPLICAS), defaults.minInsyncReplicas()));
    }

    private static int intOr(String value, int fallback) {
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
