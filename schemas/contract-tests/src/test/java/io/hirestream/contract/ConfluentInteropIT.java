package io.hirestream.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Requisition;
import io.hirestream.serde.AvroDeserializer;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.testkit.ConfluentPythonClient;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** hirestream and Confluent's own client read what the other wrote, through the same registry. */
@WithKafkaStack
class ConfluentInteropIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void confluentsClientReadsWhatHirestreamWrote(KafkaStack stack) throws Exception {
        String offers = TestTopics.create(stack, "test.interop.offers", 1, OfferExtended.getClassSchema());
        String requisitions = TestTopics.create(stack, "test.interop.requisitions", 1, Requisition.getClassSchema());
        OfferExtended offer = SampleEvents.offered("application-7", SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION,
                Instant.parse("2026-11-24T16:00:00.250Z"), new BigDecimal("243975.50"));
        Requisition seed = SampleEvents.seedRequisition("requisition-ml-1");
        write(stack, offers, "application-7", offer);
        write(stack, requisitions, "requisition-ml-1", seed);

        JsonNode offerRead = JSON.readTree(ConfluentPythonClient.read(stack, offers, 1).get(0));
        JsonNode requisitionRead = JSON.readTree(ConfluentPythonClient.read(stack, requisitions, 1).get(0));

        assertThat(offerRead.path("key").asText()).isEqualTo("application-7");
        JsonNode value = offerRead.path("value");
        assertThat(value.path("eventId").asText()).isEqualTo(offer.getEventId());
        assertThat(value.path("role").asText()).isEqualTo("Machine Learning Engineer");
        assertThat(value.path("location").asText()).isEqualTo("Remote, US");
        assertThat(new BigDecimal(value.path("baseSalary").asText())).isEqualByComparingTo("243975.50");
        assertThat(value.path("currency").asText()).isEqualTo("USD");
        assertThat(value.path("occurredAt").asLong()).isEqualTo(Instant.parse("2026-11-24T16:00:00.250Z").toEpochMilli());
        assertThat(value.path("approvedBy").isNull()).isTrue();
        assertThat(offerRead.path("bytes").asText()).startsWith("00");

        JsonNode requisition = requisitionRead.path("value");
        assertThat(new BigDecimal(requisition.path("salaryMin").asText())).isEqualByComparingTo("158950");
        assertThat(new BigDecimal(requisition.path("salaryMax").asText())).isEqualByComparingTo("327000");
        assertThat(requisition.path("requirements").path("minYearsOfExperience").asInt()).isEqualTo(8);
        assertThat(requisition.path("requirements").path("minDegree").asText()).isEqualTo("MASTERS");
        assertThat(requisition.path("requirements").path("eligibleCountries").get(0).asText()).isEqualTo("US");
        assertThat(requisition.path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void hirestreamReadsWhatConfluentsClientWrote(KafkaStack stack) throws Exception {
        String offers = TestTopics.create(stack, "test.interop.fromconfluent", 1, OfferExtended.getClassSchema());
        String value = """
                {"eventId": "5f7d8f0e-1b6a-4b0e-9a57-3c1e2f3a4b5c", "applicationId": "application-8",
                 "requisitionId": "requisition-ml-1", "role": "Machine Learning Engineer", "location": "Remote, US",
                 "occurredAt": 1764000000123, "baseSalary": "199999.99", "currency": "USD", "approvedBy": "recruiter-3"}
                """;

        List<String> written = ConfluentPythonClient.write(stack, offers, "application-8", value);
        List<ConsumerRecord<byte[], byte[]>> records = TestTopics.readUntil(stack, offers, r -> r.size() == 1);
        OfferExtended read = new AvroDeserializer<>(OfferExtended.class, stack.clientConfigs())
                .deserialize(offers, records.get(0).value());

        assertThat(written).anySatisfy(line -> assertThat(line).startsWith("written 1 with schema id"));
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("application-8");
        assertThat(read.getEventId()).isEqualTo("5f7d8f0e-1b6a-4b0e-9a57-3c1e2f3a4b5c");
        assertThat(read.getBaseSalary()).isEqualByComparingTo("199999.99");
        assertThat(read.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1764000000123L));
        assertThat(read.getApprovedBy()).isEqualTo("recruiter-3");
    }

    private static <T> void write(KafkaStack stack, String topic, String key, T value) throws Exception {
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(stack.kafkaConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new AvroSerializer<T>(stack.clientConfigs(), false))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
