package io.hirestream.ops.replay;

import io.hirestream.ops.OpsException;
import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.kafka.Partitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Moves a consumer group's committed offsets on the given topics to the first record at or after
 * a time, so that the group reads from there again when it next starts. Only while the group has
 * no members: offsets of a running group would be overwritten by its next commit.
 */
public final class GroupReset {

    /** One partition's move: from the committed offset (or none) to the new one. */
    public record Move(TopicPartition partition, Long committed, long target) {
        /** Records the group will read again (negative: records it will skip). */
        public long reread() {
            return committed == null ? 0 : committed - target;
        }
    }

    private GroupReset() {
    }

    public static List<Move> plan(Admin admin, String group, List<String> topics, Instant to) {
        Map<TopicPartition, Long> committed = Clusters.committed(admin, group);
        Map<TopicPartition, Long> targets = new TreeMap<>(Partitions.ORDER);
        for (String topic : topics) {
            targets.putAll(Clusters.offsetsAt(admin, Clusters.partitions(admin, topic), to.toEpochMilli()));
        }
        return targets.entrySet().stream().map(e -> new Move(e.getKey(), committed.get(e.getKey()), e.getValue())).toList();
    }

    public static void apply(Admin admin, String group, List<Move> moves) {
        Clusters.GroupStatus status = Clusters.status(admin, group);
        if (status.active()) {
            throw new OpsException("group " + group + " has " + status.members() + " running member(s) (" + status.state()
                    + "): stop them first, or their next commit would undo the reset");
        }
        Clusters.get(admin.alterConsumerGroupOffsets(group, moves.stream().collect(Collectors.toMap(Move::partition,
                move -> new OffsetAndMetadata(move.target(), "reset by hirestream replay")))).all(), "reset group " + group);
    }
}
