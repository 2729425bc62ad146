package io.hirestream.ops.replay;

import io.hirestream.clients.ClientSettings;
import io.hirestream.ops.OpsException;
import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.kafka.Partitions;
import io.hirestream.ops.kafka.Progress;
import io.hirestream.ops.kafka.RangeReader;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies a replay range into a target topic: each record's key, value, headers and timestamp as
 * they were, into the partition of the same number, so that keys stay where consumers expect
 * them. Refuses a target whose single writer is a service (unless forced), a target with fewer
 * partitions than the source, and the source itself.
 */
public final class TopicCopier {

    private final Admin admin;
    private final Map<String, ?> cluster;

    public TopicCopier(Admin admin, Map<String, ?> cluster) {
        this.admin = admin;
        this.cluster = cluster;
    }

    /** Why a copy into the target may not run, or empty. */
    public Optional<String> refusal(ReplayRange range, String target, boolean force) {
        if (range.ranges().keySet().stream().anyMatch(p -> p.topic().equals(target))) {
            return Optional.of("the target " + target + " is one of the source topics");
        }
        Optional<Topic<?, ?>> declared = Topics.byName(target);
        if (declared.isPresent() && !force && !Topic.ANY_WRITER.equals(declared.get().writer())) {
            return Optional.of(target + " has one writer, the " + declared.get().writer() + " service: records copied into it "
                    + "would be taken for its own. Copy into a topic of your own, or pass --force if you mean it");
        }
        int needed = range.ranges().keySet().stream().mapToInt(TopicPartition::partition).max().orElse(-1) + 1;
        int has = Clusters.partitions(admin, target).size();
        if (has < needed) {
            return Optional.of(target + " has " + has + " partitions and the source " + needed
                    + ": partitioning could not be kept. Create the target with at least " + needed + " partitions");
        }
        return Optional.empty();
    }

    /** How many records the copy would move, per source partition, read but not written. */
    public Map<TopicPartition, Long> count(ReplayRange range, PrintStream out) {
        Map<TopicPartition, Long> counts = new TreeMap<>(Partitions.ORDER);
        range.ranges().keySet().forEach(p -> counts.put(p, 0L));
        Progress progress = new Progress(out, "counting", range.offsetsSpanned());
        new RangeReader(cluster).read(range.ranges(), record -> {
            progress.advance(1);
            if (range.includes(record.timestamp())) {
                counts.merge(new TopicPartition(record.topic(), record.partition()), 1L, Long::sum);
            }
        });
        progress.finish();
        return counts;
    }

    /** Copies the range into the target; returns how many records were written. */
    public long copy(ReplayRange range, String target, boolean force, PrintStream out) {
        refusal(range, target, force).ifPresent(reason -> {
            throw new OpsException("refusing to replay into " + target + ": " + reason);
        });
        Progress progress = new Progress(out, "replaying", range.offsetsSpanned());
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] written = {0};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientSettings.kafka(cluster, Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")), new ByteArraySerializer(), new ByteArraySerializer())) {
            new RangeReader(cluster).read(range.ranges(), record -> {
                progress.advance(1);
                if (!range.includes(record.timestamp()) || failure.get() != null) {
                    return;
                }
                producer.send(new ProducerRecord<>(target, record.partition(), record.timestamp(), record.key(), record.value(),
                        record.headers()), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
                written[0]++;
            });
            producer.flush();
        }
        progress.finish();
        if (failure.get() != null) {
            throw new OpsException("the replay into " + target + " failed part way: " + failure.get().getMessage()
                    + ". Records before the failure were written; replay into a fresh topic to start over");
        }
        return written[0];
    }
}
