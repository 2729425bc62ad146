package io.hirestream.testkit;

import io.hirestream.registry.RegistryConfig;
import io.hirestream.clients.ClientSettings;
import io.hirestream.stack.StackCredentials;

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

    /**
     * The environment variables that sign a process in as the user ({@code KAFKA_SASL_USERNAME}, ...;
     * see {@link ClientSettings}); none on a stack without authentication.
     */
    default Map<String, String> signIn(String user) {
        return Map.of();
    }

    /**
     * The user tests act as: on a secured stack the broker's own, which may use topics, groups and
     * application ids of any name; what each service's principal may do is tried where the
     * services run as themselves (the pipeline tests) and in the ACL matrix.
     */
    default String testUser() {
        return StackCredentials.BROKER_USER;
    }

    /** Kafka client and serde settings for this stack, signed in as the test user. */
    default Map<String, Object> clientConfigs() {
        Map<String, String> signIn = signIn(testUser());
        return new HashMap<>(ClientSettings.from(variable -> switch (variable) {
            case ClientSettings.BOOTSTRAP_SERVERS -> bootstrapServers();
            case ClientSettings.REGISTRY_URL -> registryUrl();
            default -> signIn.getOrDefault(variable, System.getenv(variable));
        }));
    }

    /** Kafka client settings alone (no registry ones), with the client's own on top. */
    default Map<String, Object> kafkaConfigs(Map<String, ?> own) {
        return ClientSettings.kafka(clientConfigs(), own);
    }

    /**
     * The settings a librdkafka client (Confluent's Python client, kcat) connects with as the test
     * user, as {@code ops/hirestream client-config --format librdkafka} prints them.
     */
    default Map<String, String> librdkafkaConfigs() {
        Map<String, String> variables = new HashMap<>(signIn(testUser()));
        if (!variables.isEmpty()) {
            variables.put("KAFKA_SASL_MECHANISM", StackCredentials.LIBRDKAFKA_MECHANISM);
        }
        variables.put(ClientSettings.BOOTSTRAP_SERVERS, bootstrapServers());
        return ClientSettings.librdkafka(variables::get);
    }

    /** The same settings as Micronaut properties, for {@code TestPropertyProvider}: as a service reads them. */
    default Map<String, String> micronautProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers());
        properties.put(RegistryConfig.URL, registryUrl());
        signIn(testUser()).forEach((variable, value) -> properties.put(ClientSettings.configurationName(variable), value));
        properties.putAll(TestTokens.serviceProperties());
        // Tests submit from one address far faster than a careers site's visitor: the per-client limit has its own test.
        properties.put("hirestream.intake.rate-limit", "0");
        return Map.copyOf(properties);
    }

    /** A name no other test uses: for application ids, consumer groups, roles. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
