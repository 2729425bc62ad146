package io.hirestream.funnel.topology;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the funnel is far behind its input (a replay, a rebuild, a restart after a long stop)
 * or caught up. Caught up, its tasks ask Kafka Streams to commit every fresh-commit interval, so
 * that what they counted is published within a fraction of a second; far behind, they let the
 * (longer) {@code commit.interval.ms} pass between commits, so that each application's state is
 * written to its changelog once per interval rather than once per event, and they process much
 * faster. Behind means the main consumers' lag summed over the instance's partitions of the events'
 * topics, as their own metric gives it per partition, is over {@code enterLag} records; caught up
 * again below {@code leaveLag}. Summed, not per partition: an instance 480,000 records behind over
 * 24 partitions (bench queries) is far behind although no partition lags 25,000.
 * The row parts' repartition topic, which the same consumer reads, does not count: every task sends
 * all its changed parts at once, every emit interval, so it lags in bursts. Sampled under
 * {@code bench queries}, it lagged 10,000 to 12,500 records at moments when no events did, and
 * 20,000 to 58,000 while behind (sends ten times rarer and larger): counted, it kept an instance in
 * catch-up mode after its events had caught up, and one burst of 20,051 would have sent it there.
 */
public final class CatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

    /** Never behind: for a topology whose commits are driven only by {@code commit.interval.ms} (tests). */
    public static final CatchUp NEVER = new CatchUp(Duration.ofMillis(100), Long.MAX_VALUE, Long.MAX_VALUE);

    static final int MOST_RECORDS_BETWEEN_COMMITS = 100_000;

    /**
     * While far behind, tasks send their changed parts on (and publish changed rows) at every this
     * many emit intervals: a part is sent whole, so one send covers every change since the last,
     * and a replay changes the same rows many times a second; each send costs about as much as a
     * few hundred events. Over many rows a part changes only a few times between sends, so parts
     * cost as many sends as events: at 10,000 rows, every tenth interval, two instances caught up
     * with what they were behind at 5,200 to 8,200 events/s (bench queries, three runs); every
     * sixtieth (a minute), at 9,800 to 14,100 (three runs). Meanwhile the other instances and the
     * metrics topic see a partition behind as it stood up to a minute before.
     */
    static final int EMIT_INTERVALS_WHILE_BEHIND = 60;

    private final Duration freshCommitInterval;
    private final long enterLag;
    private final long leaveLag;
    private volatile boolean behind;
    /** Per stream thread: when it last asked for a commit, and how many changes it has made since. */
    private final ThreadLocal<Asked> asked = ThreadLocal.withInitial(Asked::new);
    private ScheduledExecutorService watcher;

    /**
     * @param freshCommitInterval how often tasks commit while caught up
     * @param enterLag            records of lag, summed over the instance's input partitions, from which the funnel is behind
     * @param leaveLag            records of lag, summed likewise, under which it is caught up again
     */
    public CatchUp(Duration freshCommitInterval, long enterLag, long leaveLag) {
        this.freshCommitInterval = freshCommitInterval;
        this.enterLag = enterLag;
        this.leaveLag = leaveLag;
    }

    public Duration freshCommitInterval() {
        return freshCommitInterval;
    }

    /** True while far behind: tasks then leave commits to {@code commit.interval.ms}. */
    public boolean behind() {
        return behind;
    }

    /**
     * Called by a task that has just changed something (processed a record, or forwarded what it
     * emits): asks Kafka Streams to commit, at most once per fresh-commit interval per stream thread
     * while caught up, and after {@value #MOST_RECORDS_BETWEEN_COMMITS} changes in any case, which
     * bounds what a thread holds in memory between commits while behind.
     *
     * <p>Asked from the task that changed, never from a schedule of its own: a task's punctuation
     * marks the task as needing a commit, so a fresh-commit schedule in every task would make every
     * commit flush every task, with or without changes, and an asking task with nothing to commit
     * would put the commit off until it next had a record. Quiet between two changes, what was
     * changed last is committed by {@code commit.interval.ms} at the latest.
     */
    public void changed(ProcessorContext<?, ?> context) {
        Asked thread = asked.get();
        long now = context.currentSystemTimeMs();
        thread.changesSince++;
        if (thread.changesSince >= MOST_RECORDS_BETWEEN_COMMITS || !behind && now - thread.at >= freshCommitInterval.toMillis()) {
            thread.at = now;
            thread.changesSince = 0;
            context.commit();
        }
    }

    /** A task's pace of sending what changed: see {@link Emits#due()}. */
    public Emits emits() {
        return new Emits();
    }

    /** One task's emit punctuations since it last sent what changed. */
    public final class Emits {
        private int punctuations;

        private Emits() {
        }

        /**
         * Called at each emit punctuation: whether the task sends what changed now, at every one
         * while caught up, at every {@value #EMIT_INTERVALS_WHILE_BEHIND}th while far behind.
         */
        public boolean due() {
            punctuations++;
            if (behind && punctuations < EMIT_INTERVALS_WHILE_BEHIND) {
                return false;
            }
            punctuations = 0;
            return true;
        }
    }

    /** When a stream thread last asked for a commit, and the changes it has made since. */
    private static final class Asked {
        long at;
        int changesSince;
    }

    /** Samples the application's consumer lag twice a second from now on. */
    public synchronized void watch(KafkaStreams streams) {
        if (watcher != null) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "funnel-catch-up");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> sample(streams.metrics()), 500, 500, TimeUnit.MILLISECONDS);
    }

    /** How the row parts' repartition topic's name ends (no dots, which some consumer metrics tag as underscores). */
    private static final String ROW_PARTS_TOPIC = "-" + FunnelTopology.ROWS_REPARTITION + "-repartition";

    /** Sums the lag of the main consumers' partitions of the events from the metrics and moves between modes. */
    void sample(Map<MetricName, ? extends Metric> metrics) {
        double lag = 0;
        double most = 0;
        String lagging = null;
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            MetricName name = metric.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            String topic = name.tags().getOrDefault("topic", "");
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && client.endsWith("-consumer") && !client.endsWith("restore-consumer") && !topic.endsWith(ROW_PARTS_TOPIC)
                    && metric.getValue().metricValue() instanceof Double value && !value.isNaN() && value > 0) {
                lag += value;
                if (value > most) {
                    most = value;
                    lagging = topic + "-" + name.tags().get("partition");
                }
            }
        }
        if (!behind && lag > enterLag) {
            behind = true;
            LOG.info("far behind ({} records over its input partitions, most on {}: {}): committing every commit.interval.ms"
                    + " until caught up", (long) lag, lagging, (long) most);
        } else if (behind && lag < leaveLag) {
            behind = false;
            LOG.info("caught up (lag under {} records): committing every {} ms again", leaveLag, freshCommitInterval.toMillis());
        }
    }

    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
