package io.hirestream.testkit;

import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.topics.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Topics a test makes for itself on the shared stack, and a way to read a topic whole. */
public final class TestTopics {

    private TestTopics() {
    }

    /** Creates a topic no other test uses, and registers its value schema as provisioning would. */
    public static String create(KafkaStack stack, String prefix, int partitions, Schema valueSchema) {
        String name = KafkaStack.unique(prefix);
        try (Admin admin = Provisioning.admin(stack.clientConfigs())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (valueSchema != null) {
            new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl())).register(name + "-value", valueSchema);
        }
        return name;
    }

    /** Every record of the topic up to its current end, as raw bytes, oldest first per partition. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaStack stack, String topic) {
        return readUntil(stack, topic, records -> true);
    }

    /**
     * The latest value per key of a compacted topic as it stands (a key whose last record is a
     * tombstone is absent), read to its end.
     */
    public static Map<String, byte[]> latest(KafkaStack stack, String topic) {
        Map<String, byte[]> latest = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(stack, topic)) {
            String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
            if (record.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, record.value());
            }
        }
        return latest;
    }

    /** Where every partition of every topic on the cluster ends now: a mark to read what comes after it. */
    public static Map<TopicPartition, Long> endOffsets(KafkaStack stack) {
        try (KafkaConsumer<byte[], byte[]> consumer = everythingConsumer(stack)) {
            return Map.copyOf(consumer.endOffsets(allPartitions(consumer)));
        }
    }

    /**
     * Every record written to any topic of the cluster (internal ones included) since the mark
     * ({@link #endOffsets}; a partition the mark does not know is read from its beginning), by
     * topic: one consumer, read once to the end.
     */
    public static Map<String, List<ConsumerRecord<byte[], byte[]>>> readSince(KafkaStack stack, Map<TopicPartition, Long> mark) {
        try (KafkaConsumer<byte[], byte[]> consumer = everythingConsumer(stack)) {
            List<TopicPartition> partitions = allPartitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.stream().filter(mark::containsKey).forEach(p -> consumer.seek(p, mark.get(p)));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new java.util.HashMap<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r));
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return records;
        }
    }

    private static KafkaConsumer<byte[], byte[]> everythingConsumer(KafkaStack stack) {
        return new KafkaConsumer<>(stack.kafkaConfigs(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> allPartitions(KafkaConsumer<byte[], byte[]> consumer) {
        return consumer.listTopics().entrySet().stream()
                .flatMap(topic -> topic.getValue().stream().map(info -> new TopicPartition(topic.getKey(), info.partition())))
                .toList();
    }

    /**
     * Writes an applied event of the seed role and location for each of {@code count} new
     * applications to the requisition, as intake would, and answers their ids.
     */
    public static List<String> produceApplied(Producer<String, Object> producer,
                                              String requisitionId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            producer.send(new ProducerRecord<>(Topics.APPLIED.name(), id,
                    ApplicationSubmitted.newBuilder(SampleEvents.applied(id, SampleEvents.SEED_ROLE,
                            SampleEvents.SEED_LOCATION, Instant.now())).setRequisitionId(requisitionId).build()));
        }
        producer.flush();
        return ids;
    }

    /** The keys of the topic's records that the test wants, as text, in log order, duplicates kept. */
    public static List<String> keys(KafkaStack stack, String topic, Predicate<String> wanted) {
        return readAll(stack, topic).stream().filter(r -> r.key() != null)
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).filter(wanted).toList();
    }

    /**
     * Reads the topic from the beginning until the records read so far satisfy {@code done} and
     * the consumer has reached the end offsets it saw last; waits at most 60 s.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readUntil(KafkaStack stack, String topic,
                                                                 Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(stack.kafkaConfigs(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                boolean atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
                return atEnd && done.test(records);
            });
            return records;
        }
    }
}
