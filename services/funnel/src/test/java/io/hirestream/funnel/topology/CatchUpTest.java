package io.hirestream.funnel.topology;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Far behind from a partition lagging over the threshold, caught up again under a tenth of it, by the main consumer's lag. */
class CatchUpTest {

    private final CatchUp catchUp = new CatchUp(Duration.ofMillis(100), 20_000, 2_000);

    @Test
    void theFunnelIsBehindWhileAnInputPartitionLagsFarAndCaughtUpOnceEveryPartitionIsClose() {
        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 500, 30_000));
        assertThat(catchUp.behind()).isTrue();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 500, 5_000));
        assertThat(catchUp.behind()).as("between the thresholds it stays behind").isTrue();

        catchUp.sample(lags("funnel-1-StreamThread-1-consumer", 500, 1_000));
        assertThat(catchUp.behind()).isFalse();
    }

    @Test
    void restoringAStoreIsNotBeingBehindOnTheInput() {
        catchUp.sample(lags("funnel-1-StreamThread-1-restore-consumer", 1_000_000));
        assertThat(catchUp.behind()).isFalse();
    }

    private static Map<MetricName, Metric> lags(String client, double... lags) {
        Map<MetricName, Metric> metrics = new HashMap<>();
        for (int partition = 0; partition < lags.length; partition++) {
            MetricName name = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                    Map.of("client-id", client, "topic", "hiring.applications.applied.v1", "partition", Integer.toString(partition)));
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
