package io.hirestream.ops.kafka;

import io.hirestream.clients.ClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads offset ranges of partitions as raw bytes, committed records only, without a consumer
 * group (nothing is committed anywhere): each partition from its start offset up to, not
 * including, its end offset.
 */
public final class RangeReader {

    private final Map<String, ?> cluster;

    /** @param cluster the Kafka client settings of the cluster (bootstrap servers, security) */
    public RangeReader(Map<String, ?> cluster) {
        this.cluster = cluster;
    }

    /** An offset range of a partition: from {@code start} up to, not including, {@code end}. */
    public record Range(long start, long end) {
        public long size() {
            return Math.max(0, end - start);
        }
    }

    /**
     * How many committed records the ranges hold, per partition. Transaction markers take offsets
     * but are not records, so after transactional writes this is below the offset difference.
     */
    public Map<TopicPartition, Long> count(Map<TopicPartition, Range> ranges) {
        Map<TopicPartition, Long> counts = new HashMap<>();
        ranges.keySet().forEach(partition -> counts.put(partition, 0L));
        read(ranges, record -> counts.merge(new TopicPartition(record.topic(), record.partition()), 1L, Long::sum));
        return counts;
    }

    public void read(Map<TopicPartition, Range> ranges, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Range> open = new HashMap<>();
        ranges.forEach((partition, range) -> {
            if (range.size() > 0) {
                open.put(partition, range);
            }
        });
        if (open.isEmpty()) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientSettings.kafka(cluster, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(open.keySet());
            open.forEach((partition, range) -> consumer.seek(partition, range.start()));
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Range range = open.get(partition);
                    if (range != null && record.offset() < range.end()) {
                        each.accept(record);
                    }
                }
                // Transaction markers and aborted records take offsets too: done once the position passes the end.
                open.keySet().removeIf(partition -> consumer.position(partition) >= open.get(partition).end());
                consumer.pause(consumer.assignment().stream().filter(p -> !open.containsKey(p)).toList());
            }
        }
    }
}
