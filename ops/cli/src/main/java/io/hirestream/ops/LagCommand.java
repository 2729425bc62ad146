package io.hirestream.ops;

import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.lag.ConsumerLag;
import io.hirestream.provisioning.Provisioning;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "lag",
        mixinStandardHelpOptions = true,
        description = {
                "Consumer lag per group and partition: how many committed records each group has still to read",
                "after its committed offset (counted, since transaction markers take offsets too; the offset",
                "difference where that is above 10,000), then a line per group",
                "with its total, its state and members, and the service it belongs to. Without --group: every group."})
final class LagCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP", description = "Only this group (repeatable).")
    List<String> groups;

    @Option(names = "--summary", description = "Only the line per group, not each partition.")
    boolean summary;

    @Override
    public Integer call() {
        try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
            List<String> chosen = groups == null || groups.isEmpty() ? Clusters.consumerGroups(admin) : groups;
            List<ConsumerLag.GroupLag> lags = ConsumerLag.of(admin, cluster.clientConfigs(), chosen);
            if (!summary) {
                System.out.printf("%-44s %-40s %9s %12s %12s %10s%n", "GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG");
                for (ConsumerLag.GroupLag group : lags) {
                    for (ConsumerLag.PartitionLag partition : group.partitions()) {
                        System.out.printf("%-44s %-40s %9d %,12d %,12d %,10d%n", group.group(), partition.partition().topic(),
                                partition.partition().partition(), partition.committed(), partition.end(), partition.lag());
                    }
                }
                System.out.println();
            }
            System.out.printf("%-44s %-10s %-12s %7s %12s%n", "GROUP", "SERVICE", "STATE", "MEMBERS", "TOTAL LAG");
            for (ConsumerLag.GroupLag group : lags) {
                System.out.printf("%-44s %-10s %-12s %7d %,12d%n", group.group(), group.service().map(s -> s.id()).orElse("-"),
                        group.status().state(), group.status().members(), group.lag());
            }
            return 0;
        }
    }
}
