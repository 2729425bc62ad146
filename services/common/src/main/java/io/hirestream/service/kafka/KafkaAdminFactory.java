package io.hirestream.service.kafka;

import io.hirestream.clients.ClientSettings;
import io.hirestream.streams.ServiceIdentity;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.Map;

/**
 * The service's admin client, from its one source of client settings. It replaces the one
 * micronaut-kafka builds from {@code kafka.*} properties, which would pass
 * {@code KAFKA_SASL_USERNAME} and {@code KAFKA_SASL_PASSWORD} on as settings Kafka does not know
 * and so never sign in; {@link KafkaClientSettings} turns them into the SCRAM login.
 */
@Factory
public class KafkaAdminFactory {

    @Singleton
    @Replaces(AdminClient.class)
    @Bean(preDestroy = "close")
    AdminClient admin(KafkaClientSettings settings) {
        return AdminClient.create(ClientSettings.kafka(settings.clients(), Map.of(AdminClientConfig.CLIENT_ID_CONFIG,
                settings.clients().getOrDefault(ServiceIdentity.SERVICE_NAME, "hirestream") + "-admin")));
    }
}
