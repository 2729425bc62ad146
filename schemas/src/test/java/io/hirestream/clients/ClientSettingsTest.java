package io.hirestream.clients;

import io.hirestream.registry.RegistryConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One source of client settings: what the variables set, for Kafka clients and the registry serde alike. */
class ClientSettingsTest {

    @Test
    void saslOverTlsAndRegistryCredentialsReachTheSettings() {
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9094",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "intake",
                "KAFKA_SASL_PASSWORD", "s3cr\"et",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/hirestream/ca.p12",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit",
                "SCHEMA_REGISTRY_URL", "https://registry/apis/ccompat/v7",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "intake:registry-secret");

        Map<String, Object> settings = ClientSettings.from(environment::get);

        assertThat(settings).containsEntry("bootstrap.servers", "broker:9094")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"intake\" password=\"s3cr\\\"et\";")
                .containsEntry("ssl.truststore.location", "/etc/hirestream/ca.p12")
                .containsEntry("schema.registry.url", "https://registry/apis/ccompat/v7");
        assertThat(RegistryConfig.from(settings).authorization()).contains("Basic aW50YWtlOnJlZ2lzdHJ5LXNlY3JldA==");
        assertThat(ClientSettings.kafkaOnly(settings)).doesNotContainKeys("schema.registry.url", "basic.auth.user.info");
    }

    @Test
    void withoutSecurityVariablesOnlyTheClusterAndRegistryAreSet() {
        Map<String, Object> settings = ClientSettings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081/apis/ccompat/v7")::get);

        assertThat(settings).containsOnlyKeys("bootstrap.servers", "schema.registry.url");
    }

    @Test
    void aUserSigningInWithPlainGetsPlainsLoginModule() {
        Map<String, Object> settings = ClientSettings.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_USERNAME", "broker", "KAFKA_SASL_PASSWORD", "pw")::get);

        assertThat(settings).containsEntry("sasl.mechanism", "PLAIN").containsEntry("sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\" password=\"pw\";");
    }
}
