package io.hirestream.topics;

import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;
import java.util.TreeMap;

/** What a topic must look like on a cluster: name, partitions, replication and configs. */
public record TopicDeclaration(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicDeclaration {
        configs = Map.copyOf(configs);
    }

    static TopicDeclaration of(Topic<?, ?> topic, TopicSettings settings) {
        Map<String, String> configs = new TreeMap<>(topic.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        return new TopicDeclaration(topic.name(), settings.partitions(), settings.replicationFactor(), configs);
    }
}
