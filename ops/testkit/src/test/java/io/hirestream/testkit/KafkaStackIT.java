package io.hirestream.testkit;

import io.hirestream.provisioning.Provisioning;
import io.hirestream.provisioning.SchemaProvisioner;
import io.hirestream.provisioning.SubjectCheck;
import io.hirestream.provisioning.TopicCheck;
import io.hirestream.provisioning.TopicProvisioner;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.registry.SchemaRegistryException;
import io.hirestream.topics.TopicSettings;
import io.hirestream.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@WithKafkaStack
class KafkaStackIT {

    @Test
    void aRecordRoundTripsThroughTheBroker(KafkaStack stack) throws Exception {
        String topic = KafkaStack.unique("test.roundtrip");
        try (Admin admin = Provisioning.admin(stack.clientConfigs())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        RecordMetadata written;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(stack.kafkaConfigs(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, "application-1", "hello");
            record.headers().add("source", "test".getBytes(StandardCharsets.UTF_8));
            written = producer.send(record).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(stack.kafkaConfigs(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, KafkaStack.unique("roundtrip"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        return !received.isEmpty();
                    });
            ConsumerRecord<String, String> record = received.get(0);
            assertThat(record.key()).isEqualTo("application-1");
            assertThat(record.value()).isEqualTo("hello");
            assertThat(record.offset()).isEqualTo(written.offset());
            assertThat(new String(record.headers().lastHeader("source").value(), StandardCharsets.UTF_8)).isEqualTo("test");
        }
    }

    @Test
    void theSameSchemaGetsTheSameIdAndAnIncompatibleOneIsRefused(KafkaStack stack) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        String subject = KafkaStack.unique("test.registry") + "-value";
        Schema v1 = SchemaBuilder.record("Probe").namespace("io.hirestream.test").fields()
                .requiredString("name").endRecord();
        Schema withRequiredField = SchemaBuilder.record("Probe").namespace("io.hirestream.test").fields()
                .requiredString("name").requiredInt("age").endRecord();

        int first = registry.register(subject, v1);
        int again = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl())).register(subject, v1);
        registry.setCompatibility(subject, "BACKWARD");

        assertThat(again).isEqualTo(first);
        assertThat(registry.schemaById(first)).isEqualTo(v1);
        assertThatThrownBy(() -> registry.register(subject, withRequiredField))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains(subject).contains(stack.registryUrl());
                });
    }

    @Test
    void everyContractTopicAndSchemaIsInPlace(KafkaStack stack) {
        try (Admin admin = Provisioning.admin(stack.clientConfigs())) {
            List<TopicCheck> topics = new TopicProvisioner(admin, TopicSettings.LOCAL).diff(Topics.all());
            assertThat(topics).extracting(TopicCheck::topic)
                    .containsExactlyElementsOf(Topics.all().stream().map(t -> t.name()).toList());
            assertThat(topics).allSatisfy(check -> assertThat(check.state()).isEqualTo(TopicCheck.State.OK));
        }
        List<SubjectCheck> subjects = new SchemaProvisioner(new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl())))
                .check(Topics.withAvroValues());
        assertThat(subjects).isNotEmpty()
                .allSatisfy(check -> assertThat(check.state()).isEqualTo(SubjectCheck.State.UP_TO_DATE));
    }
}
