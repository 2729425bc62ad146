package io.hirestream.ops;

import io.hirestream.provisioning.Provisioning;
import io.hirestream.provisioning.TopicCheck;
import io.hirestream.provisioning.TopicProvisioner;
import io.hirestream.topics.TopicSettings;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "topics",
        mixinStandardHelpOptions = true,
        description = "The declared topics against the cluster. Partitions, replication and min ISR come from "
                + "HIRESTREAM_TOPICS_PARTITIONS (6), HIRESTREAM_TOPICS_REPLICATION_FACTOR (1), "
                + "HIRESTREAM_TOPICS_MIN_INSYNC_REPLICAS (1).",
        subcommands = {TopicsCommand.Apply.class, TopicsCommand.Diff.class})
final class TopicsCommand {

    static void print(List<TopicCheck> checks, TopicSettings settings) {
        System.out.println("declared: " + settings.partitions() + " partitions, replication "
                + settings.replicationFactor() + ", min ISR " + settings.minInsyncReplicas());
        checks.forEach(check -> System.out.println("  " + check.toString().replace("\n", "\n  ")));
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Creates missing topics and checks existing ones. Drift is reported, never fixed silently;",
                    "exits 4 when drift remains."})
    static final class Apply implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--alter-safe-configs",
                description = "Also change drifted configs that cannot lose data (never cleanup policy, retention, partitions).")
        boolean alterSafeConfigs;

        @Override
        public Integer call() {
            TopicSettings settings = cluster.topicSettings();
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                List<TopicCheck> checks = new TopicProvisioner(admin, settings).apply(Topics.all(), alterSafeConfigs);
                print(checks, settings);
                return checks.stream().anyMatch(TopicCheck::needsAttention) ? 4 : 0;
            }
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compares the declared topics with the cluster and changes nothing; exits 4 on any difference.")
    static final class Diff implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() {
            TopicSettings settings = cluster.topicSettings();
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                List<TopicCheck> checks = new TopicProvisioner(admin, settings).diff(Topics.all());
                print(checks, settings);
                return checks.stream().anyMatch(TopicCheck::needsAttention) ? 4 : 0;
            }
        }
    }
}
