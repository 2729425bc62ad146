package io.hirestream.offer;

import io.hirestream.clients.ClientSettings;
import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.ServiceInstance;
import io.hirestream.testkit.WithKafkaStack;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.awaitility.Awaitility.await;

/**
 * One source of client settings per service: SASL credentials given as KAFKA_SASL_USERNAME and
 * KAFKA_SASL_PASSWORD reach the Kafka Streams application as well as the plain clients and serdes.
 */
@WithKafkaStack
class OfferClientSettingsIT {

    @Test
    void theOfferServiceSignsInAsItsOwnPrincipalWithEveryClientAndItsStreamsRunUnderItsAcls(KafkaStack stack) {
        Map<String, String> signIn = stack.signIn("offer");
        assumeFalse(signIn.isEmpty(), "the stack runs without authentication");
        int port = ServiceInstance.freePort();
        Map<String, Object> properties = new HashMap<>();
        // As a deployment sets them: KAFKA_SASL_USERNAME and the like, which Micronaut reads as kafka.sasl.username, ...
        signIn.forEach((variable, value) -> properties.put(ClientSettings.configurationName(variable), value));
        properties.put("kafka.streams.default.application.id", KafkaStack.unique("hirestream-offer"));
        properties.put("kafka.streams.default.state.dir", ServiceInstance.tempDir("offer-settings").toString());
        properties.put("kafka.streams.default.application.server", "127.0.0.1:" + port);
        try (ServiceInstance offer = ServiceInstance.start(stack, port, properties)) {
            // Healthy means its streams run: the broker let the offer principal in and its ACLs allowed what they do.
            await().atMost(Duration.ofSeconds(90)).until(() -> offer.status("/health") == 200);

            String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"offer\" password=\""
                    + signIn.get("KAFKA_SASL_PASSWORD") + "\";";
            assertThat(offer.context().getBean(KafkaClientSettings.class).clients())
                    .containsEntry("sasl.jaas.config", jaas).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("security.protocol", "SASL_PLAINTEXT");
            assertThat(offer.context().getBean(ConfiguredStreamBuilder.class).getConfiguration())
                    .containsEntry("sasl.jaas.config", jaas).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        }
    }
}
