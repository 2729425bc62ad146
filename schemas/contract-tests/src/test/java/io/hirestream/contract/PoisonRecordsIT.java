package io.hirestream.contract;

import io.hirestream.deadletter.DeadLetter;
import io.hirestream.deadletter.DeadLetterRouter;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.serde.AvroDeserializer;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.serde.UndeserializableRecordException.Reason;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each kind of poison record becomes a typed error, is written to the dead-letter topic with its
 * origin and reason, and the consumer goes on with the next record.
 */
@WithKafkaStack
class PoisonRecordsIT {

    private static final String SERVICE = "contract-test";

    @Test
    void eachKindOfPoisonRecordIsDeadLetteredWithItsReasonAndTheConsumerGoesOn(KafkaStack stack) throws Exception {
        String topic = TestTopics.create(stack, "test.poison", 1, ApplicationSubmitted.getClassSchema());
        byte[] good = new AvroSerializer<ApplicationSubmitted>(stack.clientConfigs(), false)
                .serialize(topic, SampleEvents.applied("good-1", "Data Engineer", "Berlin", Instant.now()));
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put(Reason.WRONG_MAGIC_BYTE.name(), "{\"applicationId\": \"json-1\"}".getBytes(StandardCharsets.UTF_8));
        poison.put(Reason.UNKNOWN_SCHEMA_ID.name(), withSchemaId(good, 987_654_321));
        poison.put(Reason.TRUNCATED.name(), Arrays.copyOf(good, good.length / 2));
        poison.put(Reason.UNRESOLVABLE_SCHEMA.name(), unrelatedRecord(stack, topic));

        Map<String, Long> offsets = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(stack.kafkaConfigs(Map.of()),
                new org.apache.kafka.common.serialization.StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "good-1", good)).get();
            for (Map.Entry<String, byte[]> entry : poison.entrySet()) {
                RecordMetadata written = producer.send(new ProducerRecord<>(topic, entry.getKey(), entry.getValue())).get();
                offsets.put(entry.getKey(), written.offset());
            }
            producer.send(new ProducerRecord<>(topic, "good-2", good)).get();
        }

        List<String> processed = consumeRoutingPoisonToDeadLetters(stack, topic);

        assertThat(processed).containsExactly("good-1", "good-2");
        List<DeadLetter> letters = TestTopics.readUntil(stack, Topics.DEAD_LETTERS_TOPIC.name(),
                        records -> lettersFrom(records, topic).size() == poison.size())
                .stream().flatMap(r -> DeadLetter.from(r).stream())
                .filter(letter -> letter.sourceTopic().equals(topic))
                .toList();
        assertThat(letters).hasSize(poison.size());
        for (DeadLetter letter : letters) {
            String expectedReason = new String(letter.key(), StandardCharsets.UTF_8);
            assertThat(letter.error()).isEqualTo(expectedReason);
            assertThat(letter.sourcePartition()).isZero();
            assertThat(letter.sourceOffset()).isEqualTo(offsets.get(expectedReason));
            assertThat(letter.service()).isEqualTo(SERVICE);
            assertThat(letter.message()).isNotBlank();
            assertThat(letter.value()).isEqualTo(poison.get(expectedReason));
        }
    }

    private static List<DeadLetter> lettersFrom(List<ConsumerRecord<byte[], byte[]>> records, String topic) {
        return records.stream().flatMap(r -> DeadLetter.from(r).stream()).filter(l -> l.sourceTopic().equals(topic)).toList();
    }

    private static List<String> consumeRoutingPoisonToDeadLetters(KafkaStack stack, String topic) {
        List<String> processed = new ArrayList<>();
        try (KafkaConsumer<String, ApplicationSubmitted> consumer = new KafkaConsumer<>(stack.kafkaConfigs(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, KafkaStack.unique("poison"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new StringDeserializer(), new AvroDeserializer<>(ApplicationSubmitted.class, withShortUnknownIdGrace(stack)));
             KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(stack.kafkaConfigs(Map.of()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            DeadLetterRouter router = new DeadLetterRouter(deadLetters, SERVICE, Clock.systemUTC());
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> processed.add(record.key()));
                } catch (RecordDeserializationException poison) {
                    router.route(poison, consumer);
                }
                return processed.size() == 2;
            });
        }
        return processed;
    }

    private static byte[] withSchemaId(byte[] framed, int schemaId) {
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
        return copy;
    }

    /** A well-formed record of a schema that has nothing to do with ApplicationSubmitted. */
    private static byte[] unrelatedRecord(KafkaStack stack, String topic) {
        Schema unrelated = SchemaBuilder.record("ShoppingCart").namespace("com.example").fields()
                .requiredString("cartId").requiredInt("items").endRecord();
        GenericRecord cart = new GenericData.Record(unrelated);
        cart.put("cartId", "cart-1");
        cart.put("items", 3);
        Map<String, Object> configs = new java.util.HashMap<>(stack.clientConfigs());
        configs.put(AvroSerializer.AUTO_REGISTER_SCHEMAS, "true");
        return new AvroSerializer<GenericRecord>(configs, false).serialize(topic + ".elsewhere", cart);
    }

    /** The registry's settings, with an unknown schema id poison after a second rather than the default 30. */
    private static Map<String, Object> withShortUnknownIdGrace(KafkaStack stack) {
        Map<String, Object> configs = new java.util.HashMap<>(stack.clientConfigs());
        configs.put(RegistryConfig.UNKNOWN_ID_GRACE_MS, "1000");
        return configs;
    }
}
