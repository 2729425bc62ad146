package io.hirestream.ops;

import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.replay.GroupReset;
import io.hirestream.ops.replay.ReplayRange;
import io.hirestream.ops.replay.TopicCopier;
import io.hirestream.provisioning.Provisioning;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "replay",
        mixinStandardHelpOptions = true,
        description = "Replays event topics: copies a range into another topic, or moves a consumer group back in time.",
        subcommands = {ReplayCommand.Copy.class, ReplayCommand.ResetGroup.class})
final class ReplayCommand {

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = {"Copies the records of the source topics in a time range (--from-time/--to-time) or an offset",
                    "range (--from-offset/--to-offset, one topic) into --to-topic, with their keys, headers and",
                    "timestamps, each into the partition of the same number. Shows progress with rate and ETA.",
                    "Refuses a target that a service writes (the stage topics, ...) unless --force.",
                    "Example: replay copy --topic hiring.applications.applied.v1 --from-time 2026-11-01T00:00:00Z \\",
                    "           --to-time 2026-11-02T00:00:00Z --to-topic analytics.applied.backfill --dry-run"})
    static final class Copy implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "A source topic (repeatable).")
        List<String> topics;

        @Option(names = "--to-topic", required = true, paramLabel = "TOPIC", description = "Where the records go; it must exist.")
        String target;

        @Option(names = "--from-time", paramLabel = "INSTANT", description = "First timestamp included (ISO-8601, e.g. 2026-11-01T00:00:00Z).")
        Instant fromTime;

        @Option(names = "--to-time", paramLabel = "INSTANT", description = "First timestamp excluded.")
        Instant toTime;

        @Option(names = "--from-offset", paramLabel = "PARTITION=OFFSET", description = "First offset included, per partition.")
        Map<Integer, Long> fromOffsets = new TreeMap<>();

        @Option(names = "--to-offset", paramLabel = "PARTITION=OFFSET", description = "First offset excluded, per partition.")
        Map<Integer, Long> toOffsets = new TreeMap<>();

        @Option(names = "--dry-run", description = "Count what would be copied, per partition, and copy nothing.")
        boolean dryRun;

        @Option(names = "--force", description = "Copy even into a topic whose single writer is a service.")
        boolean force;

        @Override
        public Integer call() {
            boolean byOffsets = !fromOffsets.isEmpty() || !toOffsets.isEmpty();
            if (byOffsets && (fromTime != null || toTime != null)) {
                throw new OpsException("choose a range by time or by offsets, not both");
            }
            if (byOffsets && topics.size() != 1) {
                throw new OpsException("an offset range is for one --topic; name one");
            }
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                ReplayRange range = byOffsets ? ReplayRange.byOffsets(admin, topics.getFirst(), fromOffsets, toOffsets)
                        : ReplayRange.byTime(admin, topics, fromTime, toTime);
                TopicCopier copier = new TopicCopier(admin, cluster.clientConfigs());
                if (dryRun) {
                    var refusal = copier.refusal(range, target, force);
                    Map<TopicPartition, Long> counts = copier.count(range, System.err);
                    counts.forEach((partition, count) -> System.out.printf("  %-40s %3d  %,12d records%n", partition.topic(),
                            partition.partition(), count));
                    System.out.printf("dry run: %,d records would be copied into %s%s%n",
                            counts.values().stream().mapToLong(Long::longValue).sum(), target,
                            refusal.map(reason -> ", but the copy would be refused: " + reason).orElse(""));
                    return refusal.isPresent() ? 5 : 0;
                }
                long copied = copier.copy(range, target, force, System.err);
                System.out.printf("copied %,d records into %s%n", copied, target);
                return 0;
            }
        }
    }

    @Command(name = "reset-group", mixinStandardHelpOptions = true,
            description = {"Moves a consumer group's committed offsets on the topics to the first record at or after",
                    "--to-time, so the group reads from there when it next starts. The group must have no running",
                    "members. Prints each partition's move and how many records will be read again."})
    static final class ResetGroup implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The consumer group.")
        String group;

        @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "A topic whose offsets move (repeatable).")
        List<String> topics;

        @Option(names = "--to-time", required = true, paramLabel = "INSTANT", description = "Read again from this time (ISO-8601).")
        Instant toTime;

        @Option(names = "--dry-run", description = "Print the moves and change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                List<GroupReset.Move> moves = GroupReset.plan(admin, group, topics, toTime);
                System.out.printf("  %-40s %9s %12s %12s %12s%n", "TOPIC", "PARTITION", "COMMITTED", "NEW", "RE-READ");
                moves.forEach(move -> System.out.printf("  %-40s %9d %12s %,12d %,12d%n", move.partition().topic(),
                        move.partition().partition(), move.committed() == null ? "-" : String.format("%,d", move.committed()),
                        move.target(), move.reread()));
                long reread = moves.stream().mapToLong(GroupReset.Move::reread).sum();
                if (dryRun) {
                    System.out.printf("dry run: group %s would read %,d records again (%s)%n", group, reread,
                            Clusters.status(admin, group).active() ? "but it has running members: stop them first" : "it has no running members");
                    return 0;
                }
                GroupReset.apply(admin, group, moves);
                System.out.printf("group %s reset to %s: %,d records to read again%n", group, toTime, reread);
                return 0;
            }
        }
    }
}
