package io.hirestream.ops;

import io.hirestream.ops.dlq.DeadLetters;
import io.hirestream.ops.dlq.Redriver;
import io.hirestream.provisioning.Provisioning;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

@Command(name = "dlq",
        mixinStandardHelpOptions = true,
        description = "The dead-letter topic: what failed and why, and sending chosen letters back once their cause is fixed.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Redrive.class})
final class DlqCommand {

    /** Which letters a subcommand acts on. */
    static final class Filter {
        @Option(names = "--source-topic", paramLabel = "TOPIC", description = "Only letters from this topic.")
        String sourceTopic;

        @Option(names = "--error", paramLabel = "ERROR", description = "Only letters with this error (e.g. PROCESSING_FAILED, WRONG_MAGIC_BYTE).")
        String error;

        @Option(names = "--service", paramLabel = "SERVICE", description = "Only letters from this service.")
        String service;

        @Option(names = "--key", paramLabel = "KEY", description = "Only letters of records with this key (an applicationId, ...).")
        String key;

        Predicate<DeadLetters.Letter> predicate() {
            return letter -> (sourceTopic == null || sourceTopic.equals(letter.letter().sourceTopic()))
                    && (error == null || error.equals(letter.letter().error()))
                    && (service == null || service.equals(letter.letter().service()))
                    && (key == null || key.equals(letter.key()));
        }

        boolean chosesSomething() {
            return sourceTopic != null || error != null || service != null || key != null;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Dead letters grouped by source topic, error and service: how many, how many were redriven, "
                    + "first and last failure, and one message.")
    static final class ListLetters implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @ArgGroup(exclusive = false)
        Filter filter = new Filter();

        @Override
        public Integer call() {
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                DeadLetters letters = DeadLetters.read(admin, cluster.clientConfigs());
                List<DeadLetters.Group> groups = letters.groups(filter.predicate());
                System.out.printf("%-36s %-26s %-10s %7s %9s  %-20s %-20s  %s%n", "SOURCE TOPIC", "ERROR", "SERVICE", "COUNT",
                        "REDRIVEN", "FIRST", "LAST", "EXAMPLE");
                for (DeadLetters.Group group : groups) {
                    String example = group.example().replaceAll("\\s+", " ");
                    System.out.printf("%-36s %-26s %-10s %,7d %,9d  %-20s %-20s  %s%n", group.sourceTopic(), group.error(),
                            group.service(), group.count(), group.redriven(), group.first().toString().substring(0, 19),
                            group.last().toString().substring(0, 19), example.length() > 100 ? example.substring(0, 100) + "…" : example);
                }
                System.out.printf("%,d dead letters in %d groups%n", groups.stream().mapToLong(DeadLetters.Group::count).sum(),
                        groups.size());
                return 0;
            }
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = {"Sends the chosen dead letters back to the topic and partition they came from (key, value and",
                    "headers as they were), once their cause is fixed. Each failed record is sent at most once, however",
                    "many services failed on it and however often this runs: a ledger topic remembers what was sent.",
                    "Choose letters with the filters below, or --all."})
    static final class Redrive implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @ArgGroup(exclusive = false)
        Filter filter = new Filter();

        @Option(names = "--all", description = "Every dead letter not sent back yet.")
        boolean all;

        @Option(names = "--dry-run", description = "Say how many letters would be sent, and send none.")
        boolean dryRun;

        @Override
        public Integer call() {
            if (!all && !filter.chosesSomething()) {
                throw new OpsException("choose the letters to redrive (--source-topic, --error, --service, --key), or --all");
            }
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                DeadLetters letters = DeadLetters.read(admin, cluster.clientConfigs());
                DeadLetters.Plan plan = letters.plan(filter.predicate());
                System.out.printf("%,d to redrive, %,d skipped as already redriven%n", plan.toSend().size(), plan.alreadyRedriven());
                if (dryRun || plan.toSend().isEmpty()) {
                    plan.toSend().forEach(l -> System.out.printf("  %s key %s (%s, %s)%n", l.sourceKey(), l.key(),
                            l.letter().error(), l.letter().service()));
                    return 0;
                }
                long sent = new Redriver(cluster.clientConfigs()).redrive(plan, System.out);
                System.out.printf("redrove %,d dead letters%n", sent);
                return 0;
            }
        }
    }
}
