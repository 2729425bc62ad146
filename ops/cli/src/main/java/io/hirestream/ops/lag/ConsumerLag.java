package io.hirestream.ops.lag;

import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.kafka.RangeReader;
import io.hirestream.stack.Service;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consumer lag: for each group and each partition it has committed, how many committed records
 * lie after its committed offset, up to the partition's last stable offset. Kafka Streams applications are consumer groups
 * named by their application id, so each service shows up under its own.
 */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /** Partitions whose offset lag is at most this are read to count their records exactly. */
    static final long COUNTED_BELOW = 10_000;

    /**
     * One partition of one group.
     *
     * @param lag the committed records after the group's offset: counted where the offset lag is
     *            small, since transaction markers take offsets too (an exactly-once consumer that
     *            has read everything is one marker behind); the offset difference above that
     */
    public record PartitionLag(String group, TopicPartition partition, long committed, long end, long lag) {
    }

    /** One group: its lag in total and which service it belongs to, if any. */
    public record GroupLag(String group, Optional<Service> service, Clusters.GroupStatus status, List<PartitionLag> partitions) {
        public long lag() {
            return partitions.stream().mapToLong(PartitionLag::lag).sum();
        }
    }

    public static List<GroupLag> of(Admin admin, Map<String, ?> cluster, List<String> groups) {
        List<GroupLag> lags = new ArrayList<>();
        for (String group : groups) {
            Map<TopicPartition, Long> committed = Clusters.committed(admin, group);
            Map<TopicPartition, Long> ends = Clusters.endOffsets(admin, committed.keySet());
            Map<TopicPartition, RangeReader.Range> small = new HashMap<>();
            committed.forEach((partition, offset) -> {
                long end = ends.getOrDefault(partition, offset);
                if (end > offset && end - offset <= COUNTED_BELOW) {
                    small.put(partition, new RangeReader.Range(offset, end));
                }
            });
            Map<TopicPartition, Long> counted = new RangeReader(cluster).count(small);
            List<PartitionLag> partitions = committed.entrySet().stream().map(entry -> {
                long end = ends.getOrDefault(entry.getKey(), entry.getValue());
                long lag = counted.getOrDefault(entry.getKey(), Math.max(0, end - entry.getValue()));
                return new PartitionLag(group, entry.getKey(), entry.getValue(), end, lag);
            }).toList();
            lags.add(new GroupLag(group, serviceOf(group), Clusters.status(admin, group), partitions));
        }
        return lags;
    }

    /** The service whose application id the group is: {@code hirestream-funnel} is the funnel's. */
    static Optional<Service> serviceOf(String group) {
        return Arrays.stream(Service.values()).filter(service -> group.equals("hirestream-" + service.id())).findFirst();
    }
}
