package io.hirestream.funnel.topology;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Far behind from the events' partitions lagging over the threshold in all, caught up again under a tenth of it, by the
 * main consumers' lag (not the row parts' bursts);
 * caught up, commits asked for once per fresh interval by a thread that changed something; behind, after many changes;
 * changed parts sent at every emit interval caught up, at every few behind.
 */
class CatchUpTest {

    private final CatchUp catchUp = new CatchUp(Duration.ofMillis(100), 20_000, 2_000);

    @Test
    void theFunnelIsBehindWhileAnInputPartitionLagsFarAndCaughtUpOnceAllAreClose() {
        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 500, 30_000));
        assertThat(catchUp.behind()).isTrue();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 500, 5_000));
        assertThat(catchUp.behind()).as("between the thresholds it stays behind").isTrue();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 500, 1_000));
        assertThat(catchUp.behind()).isFalse();
    }

    @Test
    void theFunnelIsBehindWhenItsPartitionsTogetherLagFarThoughNoneLagsFarAlone() {
        Map<MetricName, Metric> metrics = new HashMap<>(lags("funnel-1-StreamThread-1-consumer", 4_000, 4_000, 4_000));
        metrics.putAll(lags("funnel-1-StreamThread-2-consumer", "hiring.applications.screened.v1", 3_000, 3_000, 3_000));
        catchUp.sample(metrics);
        assertThat(catchUp.behind()).as("21,000 records behind over six partitions of two stream threads").isTrue();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 300, 300, 300, 300, 300, 300, 300));
        assertThat(catchUp.behind()).as("2,100 records behind in all: not yet under a tenth").isTrue();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 300, 300, 300, 300, 300, 300));
        assertThat(catchUp.behind()).as("1,800 records behind in all").isFalse();
    }

    @Test
    void aBurstOfRowPartsWaitingToBeCombinedIsNotBeingBehindOnTheEvents() {
        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", "hirestream-funnel-funnel-row-parts-repartition", 50_000));
        assertThat(catchUp.behind()).isFalse();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", "hirestream-funnel-funnel-placed-events-repartition", 50_000));
        assertThat(catchUp.behind()).as("events moved to their application's partition are events").isTrue();
    }

    @Test
    void restoringAStoreIsNotBeingBehindOnTheInput() {
        catchUp.sample(lags("funnel-1-StreamThread-1-restore-consumer", 1_000_000));
        assertThat(catchUp.behind()).isFalse();
    }

    @Test
    void caughtUpAStreamThreadAsksForACommitOncePerFreshIntervalWhenItChangesSomething() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(1_000);
        catchUp.changed(context);
        assertThat(context.committed()).as("the first change asks").isTrue();

        context.resetCommit();
        context.setCurrentSystemTimeMs(1_050);
        catchUp.changed(context);
        assertThat(context.committed()).as("within the interval of the last ask").isFalse();

        context.setCurrentSystemTimeMs(1_100);
        catchUp.changed(context);
        assertThat(context.committed()).as("an interval after the last ask").isTrue();
    }

    @Test
    void farBehindAStreamThreadAsksForACommitOnlyAfterManyChanges() {
        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 30_000));
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        for (int change = 1; change < CatchUp.MOST_RECORDS_BETWEEN_COMMITS; change++) {
            context.setCurrentSystemTimeMs(change * 1_000L);
            catchUp.changed(context);
        }
        assertThat(context.committed()).as("commit.interval.ms paces commits while behind").isFalse();

        catchUp.changed(context);
        assertThat(context.committed()).as("after %,d changes", CatchUp.MOST_RECORDS_BETWEEN_COMMITS).isTrue();
    }

    @Test
    void caughtUpATaskSendsWhatChangedAtEveryEmitIntervalFarBehindAtEveryFewOnly() {
        CatchUp.Emits emits = catchUp.emits();
        assertThat(emits.due()).as("caught up").isTrue();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 30_000));
        for (int punctuations = 1; punctuations < CatchUp.EMIT_INTERVALS_WHILE_BEHIND; punctuations++) {
            assertThat(emits.due()).as("behind, %d interval(s) since the last send", punctuations).isFalse();
        }
        assertThat(emits.due()).isTrue();
        assertThat(emits.due()).as("behind, the first interval after a send").isFalse();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 100));
        assertThat(emits.due()).as("caught up again").isTrue();
    }

    private static Map<MetricName, Metric> lags(String client, double... lags) {
        return lags(client, "hiring.applications.applied.v1", lags);
    }

    /** The consumer's lag metrics for partitions 0, 1, ... of a topic, tagged as Kafka's consumer tags them. */
    private static Map<MetricName, Metric> lags(String client, String topic, double... lags) {
        Map<MetricName, Metric> metrics = new HashMap<>();
        for (int partition = 0; partition < lags.length; partition++) {
            MetricName name = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                    Map.of("client-id", client, "topic", topic.replace('.', '_'), "partition", Integer.toString(partition)));
            double lag = lags[partition];
            metrics.put(name, new Metric() {
                @Override
                public MetricName metricName() {
                    return name;
                }

                @Override
                public Object metricValue() {
                    return lag;
                }
            });
        }
        return metrics;
    }
}
