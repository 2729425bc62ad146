package io.hirestream.ops.kafka;

import io.hirestream.ops.OpsException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the ops commands ask a cluster: partitions, offsets, groups. Thin over the Admin client. */
public final class Clusters {

    private Clusters() {
    }

    /** The topic's partitions, in order; a clear error where the topic does not exist. */
    public static List<TopicPartition> partitions(Admin admin, String topic) {
        var description = get(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic).get(topic);
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Every committed record of the topic now: each partition from its first offset to its last stable one. */
    public static Map<TopicPartition, RangeReader.Range> wholeTopic(Admin admin, String topic) {
        List<TopicPartition> partitions = partitions(admin, topic);
        Map<TopicPartition, Long> starts = startOffsets(admin, partitions);
        Map<TopicPartition, Long> ends = endOffsets(admin, partitions);
        Map<TopicPartition, RangeReader.Range> ranges = new TreeMap<>(Partitions.ORDER);
        partitions.forEach(p -> ranges.put(p, new RangeReader.Range(starts.get(p), ends.get(p))));
        return ranges;
    }

    /** The last stable offsets (what read_committed consumers reach), per partition. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicPartition> partitions) {
        return offsets(admin, partitions, p -> OffsetSpec.latest());
    }

    public static Map<TopicPartition, Long> startOffsets(Admin admin, Collection<TopicPartition> partitions) {
        return offsets(admin, partitions, p -> OffsetSpec.earliest());
    }

    /** The first offset at or after the time, per partition; the end offset where there is none. */
    public static Map<TopicPartition, Long> offsetsAt(Admin admin, Collection<TopicPartition> partitions, long epochMillis) {
        Map<TopicPartition, Long> at = offsets(admin, partitions, p -> OffsetSpec.forTimestamp(epochMillis));
        Map<TopicPartition, Long> ends = endOffsets(admin, partitions);
        at.replaceAll((partition, offset) -> offset < 0 ? ends.get(partition) : offset);
        return at;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions,
                                                     Function<TopicPartition, OffsetSpec> spec) {
        if (partitions.isEmpty()) {
            return new TreeMap<>(Partitions.ORDER);
        }
        var result = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, spec)),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        Map<TopicPartition, Long> offsets = new TreeMap<>(Partitions.ORDER);
        get(result.all(), "list offsets").forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** Every consumer group on the cluster (Kafka Streams applications among them), by id. */
    public static List<String> consumerGroups(Admin admin) {
        return get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), "list consumer groups").stream()
                .map(listing -> listing.groupId()).sorted().toList();
    }

    /** The group's committed offsets; empty where it has none. */
    public static Map<TopicPartition, Long> committed(Admin admin, String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "read the offsets of group " + group);
        Map<TopicPartition, Long> offsets = new TreeMap<>(Partitions.ORDER);
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /** The group's state and how many members it has now; EMPTY and 0 where unknown. */
    public static GroupStatus status(Admin admin, String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return new GroupStatus(description.groupState(), description.members().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new GroupStatus(GroupState.DEAD, 0);
            }
            throw new OpsException("cannot describe group " + group + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted");
        }
    }

    /** A group's state and member count. */
    public record GroupStatus(GroupState state, int members) {
        public boolean active() {
            return members > 0;
        }
    }

    /** Waits for an Admin result; turns its failure into a clear error saying what was asked. */
    public static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new OpsException("cannot " + what + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while trying to " + what);
        }
    }
}
