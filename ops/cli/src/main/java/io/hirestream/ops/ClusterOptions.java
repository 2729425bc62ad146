package io.hirestream.ops;

import io.hirestream.clients.ClientSettings;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.stack.StackCredentials;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.topics.Principal;
import io.hirestream.topics.TopicSettings;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/**
 * Which cluster and registry a command talks to, and as whom. The same variables as the services
 * read ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_USERNAME}, ...: see {@link ClientSettings}); without a cluster named, the local
 * stack, signed in as its {@code ops} principal with the password the stack made for it.
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

    /** Client settings for Kafka clients and the Avro serde: the cluster, the registry, and how to sign in. */
    Map<String, Object> clientConfigs() {
        Map<String, String> local = localStackTargeted() && System.getenv(ClientSettings.SASL_USERNAME) == null
                && System.getenv("KAFKA_SASL_JAAS_CONFIG") == null ? localOpsSignIn() : Map.of();
        Map<String, Object> configs = new HashMap<>(ClientSettings.from(variable -> switch (variable) {
            case ClientSettings.BOOTSTRAP_SERVERS -> bootstrapServers();
            case ClientSettings.REGISTRY_URL -> registryUrl();
            default -> local.getOrDefault(variable, System.getenv(variable));
        }));
        // An ops command says the registry is away, after the bounded attempts, instead of waiting for it.
        configs.put(RegistryConfig.OUTAGE_WAIT_MS, "0");
        return configs;
    }

    /** True where no cluster is named: the command talks to the local stack. */
    private boolean localStackTargeted() {
        return (bootstrapServers == null || bootstrapServers.isBlank())
                && (System.getenv(ClientSettings.BOOTSTRAP_SERVERS) == null || System.getenv(ClientSettings.BOOTSTRAP_SERVERS).isBlank());
    }

    /** The local stack's ops principal, where this checkout's home holds its password. */
    private static Map<String, String> localOpsSignIn() {
        try {
            return StackCredentials.existing(StackLayout.fromEnvironment())
                    .map(credentials -> credentials.environment(Principal.OPS)).orElse(Map.of());
        } catch (RuntimeException outsideCheckout) {
            return Map.of();
        }
    }

    private static StackPorts localPorts() {
        try {
            return StackPorts.forHome(StackLayout.fromEnvironment());
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
