package io.hirestream.pipeline;

import io.hirestream.deadletter.DeadLetter;
import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.Outcome;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.serde.UndeserializableRecordException.Reason;
import io.hirestream.stack.Service;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTopics;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bad record on any topic any service reads, whichever way it is bad, goes to the dead-letter
 * topic with its reason and where it came from, once per service that reads it, and every service
 * stays healthy and keeps processing.
 */
@ExtendWith(PipelineExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRecordsIT {

    /** Every topic a service reads, with the services that read it. */
    private static final Map<Topic<String, ?>, Set<Service>> READERS = readers();

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private KafkaStack stack;
    private Pipeline pipeline;

    @BeforeAll
    void start(KafkaStack stack, Pipeline pipeline) {
        this.stack = stack;
        this.pipeline = pipeline;
    }

    private static Map<Topic<String, ?>, Set<Service>> readers() {
        Map<Topic<String, ?>, Set<Service>> readers = new LinkedHashMap<>();
        readers.put(Topics.REQUISITIONS, Set.of(Service.INTAKE, Service.SCREENING, Service.INTERVIEW, Service.OFFER));
        readers.put(Topics.SUBMISSION_RECEIPTS, Set.of(Service.INTAKE));
        readers.put(Topics.APPLIED, Set.of(Service.SCREENING, Service.OFFER, Service.FUNNEL));
        readers.put(Topics.SCREENED, Set.of(Service.INTERVIEW, Service.FUNNEL));
        readers.put(Topics.INTERVIEW_FEEDBACK, Set.of(Service.INTERVIEW));
        readers.put(Topics.INTERVIEWED, Set.of(Service.OFFER, Service.FUNNEL));
        readers.put(Topics.OFFER_DECISIONS, Set.of(Service.OFFER));
        readers.put(Topics.OFFERED, Set.of(Service.FUNNEL));
        readers.put(Topics.FUNNEL_METRICS, Set.of(Service.FUNNEL));
        return readers;
    }

    @Test
    void everyReaderDeadLettersNonAvroUnknownSchemaAndTruncatedRecordsAndKeepsProcessing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Expected> expected = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                stack.kafkaConfigs(Map.of()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Topic<String, ?> topic : READERS.keySet()) {
                for (Bad bad : Bad.values()) {
                    String key = "bad-" + run + "-" + bad.name().toLowerCase();
                    producer.send(new ProducerRecord<>(topic.name(), bytes(key), bad.value(schemaIdOf(topic)))).get();
                    READERS.get(topic).forEach(service -> expected.add(new Expected(topic.name(), key, service, bad.reason)));
                }
            }
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(missing(run, expected)).isEmpty());

        List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(run);
        for (Expected one : expected) {
            assertThat(letters.stream().filter(one::matches).count()).as("dead letters for %s", one).isEqualTo(1);
        }
        for (Service service : Service.values()) {
            var health = pipeline.get(service, "/health");
            assertThat(health.status()).as(service + " " + health).isEqualTo(200);
        }
        String applicationId = pipeline.apply(pipeline.openRequisition(SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION),
                "US", 9, "PHD");
        await().atMost(PATIENCE).until(() -> pipeline.get(Service.FUNNEL, "/api/applications/" + applicationId).status() == 200);
        ApplicationScreened screened = await().atMost(PATIENCE).until(() -> screenedEvent(applicationId), s -> s != null);
        assertThat(screened.getOutcome()).isEqualTo(Outcome.PASSED);
        await().atMost(PATIENCE).until(() -> pipeline.get(Service.INTERVIEW, "/api/interviews/" + applicationId).status() == 200);
    }

    private List<Expected> missing(String run, List<Expected> expected) {
        List<ConsumerRecord<byte[], byte[]>> letters = deadLetters(run);
        return expected.stream().filter(one -> letters.stream().noneMatch(one::matches)).toList();
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters(String run) {
        return TestTopics.readAll(stack, Topics.DEAD_LETTERS_TOPIC.name()).stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith("bad-" + run))
                .collect(Collectors.toList());
    }

    private ApplicationScreened screenedEvent(String applicationId) {
        return TestTopics.readAll(stack, Topics.SCREENED.name()).stream()
                .filter(r -> applicationId.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> Topics.SCREENED.valueSerde(stack.clientConfigs()).deserializer().deserialize(Topics.SCREENED.name(), r.value()))
                .findFirst().orElse(null);
    }

    private int schemaIdOf(Topic<String, ?> topic) {
        return SchemaRegistryClient.shared(RegistryConfig.from(stack.clientConfigs()))
                .latest(topic.name() + "-value").orElseThrow().id();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The ways a record can be bad, and the reason its dead letter gives. */
    private enum Bad {
        NOT_AVRO(Reason.WRONG_MAGIC_BYTE) {
            @Override
            byte[] value(int schemaId) {
                return bytes("x");
            }
        },
        UNKNOWN_SCHEMA_ID(Reason.UNKNOWN_SCHEMA_ID) {
            @Override
            byte[] value(int schemaId) {
                return ByteBuffer.allocate(6).put((byte) 0).putInt(987_654_321).put((byte) 2).array();
            }
        },
        TRUNCATED(Reason.TRUNCATED) {
            @Override
            byte[] value(int schemaId) {
                // The topic's own schema id, then one byte of a value that needs many more.
                return ByteBuffer.allocate(6).put((byte) 0).putInt(schemaId).put((byte) 2).array();
            }
        };

        final Reason reason;

        Bad(Reason reason) {
            this.reason = reason;
        }

        abstract byte[] value(int schemaId);
    }

    private record Expected(String topic, String key, Service service, Reason reason) {

        boolean matches(ConsumerRecord<byte[], byte[]> letter) {
            return key.equals(new String(letter.key(), StandardCharsets.UTF_8))
                    && topic.equals(header(letter, DeadLetter.SOURCE_TOPIC))
                    && service.id().equals(header(letter, DeadLetter.SERVICE))
                    && reason.name().equals(header(letter, DeadLetter.ERROR))
                    && header(letter, DeadLetter.SOURCE_OFFSET) != null;
        }

        private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }
}
