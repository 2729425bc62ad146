package io.hirestream.ops;

import io.hirestream.clients.ClientSettings;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.topics.TopicSettings;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/**
 * Which cluster and registry a command talks to. The same variables as the services read
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}); without them, the local stack.
 */
final class ClusterOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else the local stack).")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Schema registry, Confluent API (default: $SCHEMA_REGISTRY_URL, else the local stack's "
                    + "http://127.0.0.1:8081/apis/ccompat/v7).")
    String registryUrl;

    String bootstrapServers() {
        return firstOf(bootstrapServers, System.getenv("KAFKA_BOOTSTRAP_SERVERS"), localPorts().kafkaBootstrap());
    }

    String registryUrl() {
        return firstOf(registryUrl, System.getenv("SCHEMA_REGISTRY_URL"), localPorts().registryUrl());
    }

    TopicSettings topicSettings() {
        return TopicSettings.fromEnvironment();
    }

    /** Client settings for Kafka clients and the Avro serde. */
    Map<String, Object> clientConfigs() {
        Map<String, Object> configs = new HashMap<>(ClientSettings.of(bootstrapServers(), registryUrl()));
        // An ops command says the registry is away, after the bounded attempts, instead of waiting for it.
        configs.put(RegistryConfig.OUTAGE_WAIT_MS, "0");
        return configs;
    }

    private static StackPorts localPorts() {
        try {
            return LocalStack.at(StackLayout.fromEnvironment()).ports();
        } catch (RuntimeException outsideCheckout) {
            return StackPorts.DEFAULTS;
        }
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalStateException("unreachable: the last value is a default");
    }
}
