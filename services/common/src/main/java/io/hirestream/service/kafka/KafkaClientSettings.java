package io.hirestream.service.kafka;

import io.hirestream.clients.ClientSettings;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.streams.ServiceIdentity;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one source of this service's Kafka client settings: the cluster ({@code kafka.bootstrap.servers}),
 * the schema registry ({@code schema.registry.url}, and under {@code hirestream.registry} how long
 * an unknown schema id gets before it is poison and how long a registry outage is waited out),
 * and the service's
 * name for its dead letters. Every producer, consumer and serde of the service starts from
 * {@link #clients()}.
 */
@Singleton
public class KafkaClientSettings {

    private final Map<String, Object> clients;

    public KafkaClientSettings(Environment environment) {
        // KAFKA_SECURITY_PROTOCOL and the like, as Micronaut reads them: kafka.security.protocol, ...
        Map<String, Object> settings = new HashMap<>(ClientSettings.from(variable -> environment.getProperty(
                ClientSettings.configurationName(variable), String.class).orElse(null)));
        if (!settings.containsKey("bootstrap.servers") || !settings.containsKey(RegistryConfig.URL)) {
            throw new IllegalStateException("set kafka.bootstrap.servers and schema.registry.url (KAFKA_BOOTSTRAP_SERVERS, "
                    + "SCHEMA_REGISTRY_URL)");
        }
        environment.getProperty("hirestream.registry.unknown-id-grace", Duration.class)
                .ifPresent(grace -> settings.put(RegistryConfig.UNKNOWN_ID_GRACE_MS, grace.toMillis()));
        environment.getProperty("hirestream.registry.outage-wait", Duration.class)
                .ifPresent(wait -> settings.put(RegistryConfig.OUTAGE_WAIT_MS, wait.toMillis()));
        settings.put(ServiceIdentity.SERVICE_NAME, environment.getProperty("micronaut.application.name", String.class)
                .orElse("unknown"));
        this.clients = Map.copyOf(settings);
    }

    /** The settings every client of this service starts from. */
    public Map<String, Object> clients() {
        return clients;
    }
}
