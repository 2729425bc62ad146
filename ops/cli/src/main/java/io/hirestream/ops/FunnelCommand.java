package io.hirestream.ops;

import io.hirestream.access.Roles;
import io.hirestream.ops.rebuild.FunnelRebuild;
import io.hirestream.ops.rebuild.FunnelRow;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.stack.ManagedProcess;
import io.hirestream.stack.Service;
import io.hirestream.stack.TokenIssuer;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "funnel",
        mixinStandardHelpOptions = true,
        description = "Operations on the funnel's views.",
        subcommands = {FunnelCommand.Rebuild.class})
final class FunnelCommand {

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Stop-the-world rebuild of the funnel views from the stage topics. Stops the local funnel",
                    "(elsewhere: stop every funnel instance first), forgets the application's committed offsets,",
                    "deletes its changelog and repartition topics, wipes its local state, starts it again, waits",
                    "until it has read every stage event, then prints its rows against an offline recomputation",
                    "from the topics and against the rows before. Exits 0 when the rebuilt rows match the",
                    "recomputation, 6 when they do not."})
    static final class Rebuild implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Mixin
        StackOptions stackOptions;

        @Option(names = "--application-id", paramLabel = "ID", defaultValue = "${env:FUNNEL_APPLICATION_ID:-hirestream-funnel}",
                description = "The funnel's application id (default ${DEFAULT-VALUE}).")
        String applicationId;

        @Option(names = "--funnel-url", paramLabel = "URL", description = "Where a funnel instance answers (default the local one).")
        String funnelUrl;

        @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:HIRESTREAM_TOKEN}",
                description = "A bearer token of role ops for the funnel's API (default $HIRESTREAM_TOKEN, else one from the "
                        + "local stack's issuer).")
        String token;

        @Option(names = "--state-dir", paramLabel = "DIR",
                description = "The funnel's state folder on this machine (default the local stack's data/funnel).")
        Path stateDir;

        @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "DURATION",
                description = "How long to wait for the funnel to catch up (default ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            ManagedProcess local = new ManagedProcess(Service.FUNNEL.id(), stackOptions.layout());
            FunnelRebuild.Target target = new FunnelRebuild.Target(applicationId,
                    funnelUrl != null ? funnelUrl : "http://127.0.0.1:" + Service.FUNNEL.configuredPort(),
                    token != null ? token : TokenIssuer.forHome(stackOptions.layout()).token("ops-rebuild", List.of(Roles.OPS)),
                    stateDir != null ? stateDir : stackOptions.layout().home().resolve("data").resolve(Service.FUNNEL.id()),
                    local.started() ? Optional.of(local) : Optional.empty());
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                FunnelRebuild.Outcome outcome = new FunnelRebuild(admin, cluster.clientConfigs(), System.out)
                        .run(target, timeout);
                print(outcome);
                return outcome.rebuiltMatchesRecomputed() ? 0 : 6;
            }
        }

        private static void print(FunnelRebuild.Outcome outcome) {
            System.out.println();
            System.out.println("reached per stage (applied/screened/interviewed/offered); 'same' = every count equal and "
                    + "time-to-stage p50/p90 within 1%");
            System.out.printf("%-48s %-18s %-18s %-18s %-10s %-10s%n", "ROLE | LOCATION", "BEFORE", "REBUILT", "RECOMPUTED",
                    "VS OFFLINE", "VS BEFORE");
            long same = 0;
            for (String key : outcome.keys()) {
                FunnelRow before = outcome.before().get(key);
                FunnelRow rebuilt = outcome.rebuilt().get(key);
                FunnelRow recomputed = outcome.recomputed().get(key);
                boolean offline = outcome.rebuiltMatchesRecomputed(key);
                same += offline ? 1 : 0;
                System.out.printf("%-48s %-18s %-18s %-18s %-10s %-10s%n", key.length() > 48 ? key.substring(0, 47) + "…" : key,
                        text(before), text(rebuilt), text(recomputed), offline ? "same" : "DIFFERENT",
                        rebuilt != null && rebuilt.matches(before) ? "same" : "DIFFERENT");
            }
            if (outcome.underTraffic()) {
                System.out.println("events came in while the rows were read: a rebuilt row matches when its reached, passed and"
                        + " rejected counts lie between the recomputation just before the read (RECOMPUTED) and just after it");
            }
            System.out.printf("%d rows: %d rebuilt rows match the offline recomputation, %d differ; the rows before the rebuild %s%n",
                    outcome.keys().size(), same, outcome.keys().size() - same,
                    outcome.rebuiltMatchesBefore() ? "are identical to the rebuilt ones" : "differ from the rebuilt ones");
        }

        private static String text(FunnelRow row) {
            return row == null ? "-" : row.reachedText();
        }
    }
}
