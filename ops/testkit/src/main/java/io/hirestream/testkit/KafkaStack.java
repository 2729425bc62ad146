package io.hirestream.testkit;

import io.hirestream.registry.RegistryConfig;
import io.hirestream.clients.ClientSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The real Kafka broker and schema registry an integration test runs against. */
public interface KafkaStack {

    String bootstrapServers();

    /** The registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    String registryUrl();

    /** Where the stack came from: a running stack, containers, or local processes. */
    String description();

    /** Kafka client and serde settings for this stack. */
    default Map<String, Object> clientConfigs() {
        return new HashMap<>(ClientSettings.of(bootstrapServers(), registryUrl()));
    }

    /** The same settings as Micronaut properties, for {@code TestPropertyProvider}. */
    default Map<String, String> micronautProperties() {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                RegistryConfig.URL, registryUrl());
    }

    /** A name no other test uses: for application ids, consumer groups, roles. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
