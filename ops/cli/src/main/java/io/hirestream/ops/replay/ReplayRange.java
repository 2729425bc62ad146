package io.hirestream.ops.replay;

import io.hirestream.ops.OpsException;
import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.kafka.Partitions;
import io.hirestream.ops.kafka.RangeReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay reads: per partition of the source topics, an offset range, and where the range
 * was chosen by time, the time window every copied record's timestamp must fall in. The broker's
 * time index finds the offsets; the window then keeps out the records whose timestamps are out of
 * order with their offsets, so a time range copies exactly the records stamped inside it.
 *
 * @param ranges per partition, from its start offset up to, not including, its end offset
 * @param from   first timestamp included, or null for no lower bound
 * @param to     first timestamp excluded, or null for no upper bound
 */
public record ReplayRange(Map<TopicPartition, RangeReader.Range> ranges, Instant from, Instant to) {

    /** Every record of the topics stamped at or after {@code from} and before {@code to} (either may be null). */
    public static ReplayRange byTime(Admin admin, List<String> topics, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new OpsException("--from-time " + from + " is not before --to-time " + to);
        }
        Map<TopicPartition, RangeReader.Range> ranges = new TreeMap<>(Partitions.ORDER);
        for (String topic : topics) {
            List<TopicPartition> partitions = Clusters.partitions(admin, topic);
            Map<TopicPartition, Long> starts = from == null ? Clusters.startOffsets(admin, partitions)
                    : Clusters.offsetsAt(admin, partitions, from.toEpochMilli());
            Map<TopicPartition, Long> ends = Clusters.endOffsets(admin, partitions);
            partitions.forEach(p -> ranges.put(p, new RangeReader.Range(starts.get(p), ends.get(p))));
        }
        return new ReplayRange(ranges, from, to);
    }

    /**
     * The records between the given offsets ({@code partition -> offset}; a partition not named
     * starts at its first offset and ends at its last stable offset).
     */
    public static ReplayRange byOffsets(Admin admin, String topic, Map<Integer, Long> fromOffsets, Map<Integer, Long> toOffsets) {
        List<TopicPartition> partitions = Clusters.partitions(admin, topic);
        for (Integer named : union(fromOffsets, toOffsets)) {
            if (named < 0 || named >= partitions.size()) {
                throw new OpsException(topic + " has no partition " + named + " (it has " + partitions.size() + ")");
            }
        }
        Map<TopicPartition, Long> starts = Clusters.startOffsets(admin, partitions);
        Map<TopicPartition, Long> ends = Clusters.endOffsets(admin, partitions);
        Map<TopicPartition, RangeReader.Range> ranges = new TreeMap<>(Partitions.ORDER);
        for (TopicPartition partition : partitions) {
            long start = Math.max(starts.get(partition), fromOffsets.getOrDefault(partition.partition(), starts.get(partition)));
            long end = Math.min(ends.get(partition), toOffsets.getOrDefault(partition.partition(), ends.get(partition)));
            ranges.put(partition, new RangeReader.Range(start, Math.max(start, end)));
        }
        return new ReplayRange(ranges, null, null);
    }

    private static java.util.Set<Integer> union(Map<Integer, Long> a, Map<Integer, Long> b) {
        java.util.Set<Integer> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    /** True where a record read from the ranges belongs to the replay. */
    public boolean includes(long timestamp) {
        return (from == null || timestamp >= from.toEpochMilli()) && (to == null || timestamp < to.toEpochMilli());
    }

    /** Offsets spanned, an upper bound of the records (transaction markers and out-of-window records take offsets too). */
    public long offsetsSpanned() {
        return ranges.values().stream().mapToLong(RangeReader.Range::size).sum();
    }
}
