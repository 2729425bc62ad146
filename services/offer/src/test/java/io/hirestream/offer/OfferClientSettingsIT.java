package io.hirestream.offer;

import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.ServiceInstance;
import io.hirestream.testkit.WithKafkaStack;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One source of client settings per service: SASL credentials given as KAFKA_SASL_USERNAME and
 * KAFKA_SASL_PASSWORD reach the Kafka Streams application as well as the plain clients and serdes.
 */
@WithKafkaStack
class OfferClientSettingsIT {

    @Test
    void saslCredentialsReachTheStreamsApplicationAndEveryClient(KafkaStack stack) {
        int port = ServiceInstance.freePort();
        // PLAINTEXT still: the local broker of the tests takes no SASL yet, and a PLAINTEXT client ignores SASL settings.
        try (ServiceInstance offer = ServiceInstance.start(stack, port, Map.of(
                "kafka.sasl.username", "offer",
                "kafka.sasl.password", "offer-secret",
                "kafka.streams.default.application.id", KafkaStack.unique("offer-settings"),
                "kafka.streams.default.state.dir", ServiceInstance.tempDir("offer-settings").toString(),
                "kafka.streams.default.application.server", "127.0.0.1:" + port))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> offer.status("/health") == 200);

            String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"offer\" password=\"offer-secret\";";
            assertThat(offer.context().getBean(KafkaClientSettings.class).clients())
                    .containsEntry("sasl.jaas.config", jaas).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
            assertThat(offer.context().getBean(ConfiguredStreamBuilder.class).getConfiguration())
                    .containsEntry("sasl.jaas.config", jaas).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        }
    }
}
