package io.hirestream.ops.rebuild;

import io.hirestream.ops.OpsException;
import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.kafka.Progress;
import io.hirestream.ops.kafka.RangeReader;
import io.hirestream.stack.ManagedProcess;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * A stop-the-world rebuild of the funnel's views: with every funnel instance stopped, forget the
 * application's committed offsets, delete its internal topics (changelogs) and wipe its local
 * state, as Kafka's streams application reset tool does; start it again; wait until it has read
 * every stage event; then hold its rows against an offline recomputation from the topics.
 */
public final class FunnelRebuild {

    /** Where the funnel is and what it is called. */
    /** @param bearerToken signs the rebuild in to the funnel's API (role ops) */
    public record Target(String applicationId, String funnelUrl, String bearerToken, Path stateDir,
                         Optional<ManagedProcess> localProcess) {
    }

    /**
     * The comparison at the end, by (role, location): the rows before, the rebuilt rows as the API
     * answered them, and the offline recomputation at the cut just before that answer
     * ({@code recomputed}) and just after it ({@code recomputedAfter}). Where no event came in
     * between, the rebuilt rows must equal the recomputation; under live traffic, every count that
     * only grows (reached, passed, rejected) must lie between the two cuts.
     */
    public record Outcome(Map<String, FunnelRow> before, Map<String, FunnelRow> rebuilt, Map<String, FunnelRow> recomputed,
                          Map<String, FunnelRow> recomputedAfter) {

        public boolean rebuiltMatchesRecomputed() {
            return keys().stream().allMatch(this::rebuiltMatchesRecomputed);
        }

        /** The rebuilt row agrees with the topics: equal to the cut, or between the two cuts where they differ. */
        public boolean rebuiltMatchesRecomputed(String key) {
            FunnelRow at = recomputed.get(key);
            FunnelRow after = recomputedAfter.get(key);
            if (at != null && at.matches(after)) {
                return at.matches(rebuilt.get(key));
            }
            return FunnelRow.between(at, rebuilt.get(key), after);
        }

        /** True where events came in while the rebuilt rows were read, so that they were held between two cuts. */
        public boolean underTraffic() {
            return keys().stream().anyMatch(key -> recomputed.get(key) == null || !recomputed.get(key).matches(recomputedAfter.get(key)));
        }

        public boolean rebuiltMatchesBefore() {
            return keys().stream().allMatch(key -> before.containsKey(key) && before.get(key).matches(rebuilt.get(key)));
        }

        public TreeSet<String> keys() {
            TreeSet<String> keys = new TreeSet<>(rebuilt.keySet());
            keys.addAll(recomputed.keySet());
            keys.addAll(recomputedAfter.keySet());
            keys.addAll(before.keySet());
            return keys;
        }
    }

    private final Admin admin;
    private final FunnelSources sources;
    private final PrintStream out;
    private final Map<String, Object> clientConfigs;

    /** @param clientConfigs the cluster's and registry's client settings */
    public FunnelRebuild(Admin admin, Map<String, Object> clientConfigs, PrintStream out) {
        this.admin = admin;
        this.clientConfigs = clientConfigs;
        this.sources = new FunnelSources(admin, clientConfigs);
        this.out = out;
    }

    public Outcome run(Target target, Duration timeout) throws IOException, InterruptedException {
        Map<String, FunnelRow> before = sources.fromMetricsTopic();
        Thread warning = new Thread(() -> out.println("\ninterrupted while the funnel is stopped for its rebuild, before it was"
                + " started again: start it with `ops/hirestream up` (or your deployment's own start), then run"
                + " `ops/hirestream funnel rebuild` again to finish the rebuild"));
        out.printf("before: %d rows on %s%n", before.size(), Topics.FUNNEL_METRICS.name());
        boolean relaunch = false;
        if (target.localProcess().flatMap(ManagedProcess::running).isPresent()) {
            out.println("stopping the local funnel ...");
            Runtime.getRuntime().addShutdownHook(warning);
            target.localProcess().get().stop(Duration.ofSeconds(30));
            relaunch = true;
            // A stopped instance stays a (static) member until its session times out: it is gone, so say so.
            try {
                admin.removeMembersFromConsumerGroup(target.applicationId(), new RemoveMembersFromConsumerGroupOptions()).all().get();
            } catch (ExecutionException noMembers) {
                // nothing to remove
            }
        }
        Clusters.GroupStatus status = awaitNoMembers(target.applicationId(), Duration.ofSeconds(60));
        if (status.active()) {
            throw new OpsException("the funnel application " + target.applicationId() + " still has " + status.members()
                    + " running instance(s): stop every funnel instance, then run the rebuild again");
        }
        reset(target);
        if (relaunch) {
            out.println("starting the local funnel again ...");
            target.localProcess().get().relaunch();
            Runtime.getRuntime().removeShutdownHook(warning);
        } else {
            out.println("start the funnel instances now; waiting for them to read every stage event ...");
        }
        awaitCaughtUp(target.applicationId(), timeout);
        return compare(target.funnelUrl(), target.bearerToken(), before, timeout);
    }

    /**
     * Holds the funnel's rows against the offline recomputation from the stage topics. Rows reach
     * the API a moment after the input is read, and events may still be arriving: the API is read
     * between two cuts of the topics, and read again until the rows agree, or time is up.
     */
    public Outcome compare(String funnelUrl, String bearerToken, Map<String, FunnelRow> before, Duration timeout) throws InterruptedException {
        FunnelSources.Recomputation offline = sources.recomputation();
        Instant deadline = Instant.now().plus(timeout);
        Outcome outcome = new Outcome(before, Map.of(), offline.advance(), Map.of());
        while (true) {
            Map<String, FunnelRow> cut = offline.advance();
            try {
                Map<String, FunnelRow> rebuilt = sources.fromApi(funnelUrl, bearerToken);
                outcome = new Outcome(before, rebuilt, cut, offline.advance());
                if (outcome.rebuiltMatchesRecomputed()) {
                    return outcome;
                }
            } catch (IOException notYet) {
                // starting: the API answers once the instance runs
            }
            if (Instant.now().isAfter(deadline)) {
                return outcome;
            }
            Thread.sleep(500);
        }
    }

    /** Waits for instances that were just stopped to leave the group (or their sessions to time out). */
    private Clusters.GroupStatus awaitNoMembers(String applicationId, Duration wait) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        Clusters.GroupStatus status = Clusters.status(admin, applicationId);
        while (status.active() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            status = Clusters.status(admin, applicationId);
        }
        return status;
    }

    private void reset(Target target) throws InterruptedException {
        String prefix = target.applicationId() + "-";
        List<String> internal = Clusters.get(admin.listTopics().names(), "list topics").stream()
                .filter(name -> name.startsWith(prefix) && (name.endsWith("-changelog") || name.endsWith("-repartition")))
                .sorted().toList();
        try {
            admin.deleteConsumerGroups(List.of(target.applicationId())).all().get();
            out.println("  forgot the committed offsets of " + target.applicationId());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new OpsException("cannot delete group " + target.applicationId() + ": " + e.getCause().getMessage());
            }
        }
        if (!internal.isEmpty()) {
            Clusters.get(admin.deleteTopics(internal).all(), "delete the internal topics " + internal);
            // Deletion finishes in the background: a funnel started before it does would read the old
            // repartitioned row parts again and count them twice.
            Instant deadline = Instant.now().plusSeconds(60);
            while (Clusters.get(admin.listTopics().names(), "list topics").stream().anyMatch(internal::contains)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new OpsException("the internal topics " + internal + " were not deleted within 60 s");
                }
                Thread.sleep(200);
            }
            out.println("  deleted the internal topics " + internal);
        }
        Path state = target.stateDir().resolve(target.applicationId());
        if (Files.exists(state)) {
            deleteTree(state);
            out.println("  wiped the local state in " + state);
        }
    }

    private void awaitCaughtUp(String applicationId, Duration timeout) throws InterruptedException {
        List<TopicPartition> inputs = Topics.APPLICATION_EVENTS.stream()
                .flatMap(topic -> Clusters.partitions(admin, topic.name()).stream()).toList();
        Map<TopicPartition, Long> ends = Clusters.endOffsets(admin, inputs);
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        Progress progress = new Progress(out, "rebuilding", total);
        Instant deadline = Instant.now().plus(timeout);
        long read = 0;
        while (true) {
            Map<TopicPartition, Long> committed = Clusters.committed(admin, applicationId);
            long now = inputs.stream().mapToLong(p -> Math.min(committed.getOrDefault(p, 0L), ends.get(p))).sum();
            progress.advance(now - read);
            read = now;
            // An exactly-once reader that has read everything sits just before the last transaction marker:
            // caught up once no record lies between its offsets and the ends seen at the start.
            if (total - read <= inputs.size() && pending(committed, ends) == 0) {
                progress.advance(total - read);
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                progress.finish();
                throw new OpsException("the funnel did not catch up within " + timeout.toSeconds() + " s (" + read + " of "
                        + total + " offsets read); see its log");
            }
            Thread.sleep(250);
        }
        progress.finish();
    }

    private long pending(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, RangeReader.Range> left = new java.util.HashMap<>();
        ends.forEach((partition, end) -> left.put(partition, new RangeReader.Range(committed.getOrDefault(partition, 0L), end)));
        return new RangeReader(clientConfigs).count(left).values().stream().mapToLong(Long::longValue).sum();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new OpsException("cannot wipe " + root + ": " + e.getMessage());
        }
    }
}
