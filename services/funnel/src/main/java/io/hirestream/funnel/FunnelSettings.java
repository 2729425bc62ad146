package io.hirestream.funnel;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * The funnel's own settings ({@code hirestream.funnel.*}).
 *
 * @param emitInterval how often each task sends its changed parts of rows on to be published
 * @param queryTimeout how long a query waits out a rebalance or restore before answering 503
 * @param maxStreams   how many live streams ({@code /api/funnel/stream}) one instance serves at once
 * @param commitInterval how often the tasks commit while caught up (while far behind, at
 *                     {@code commit.interval.ms}, which is longer)
 * @param catchUpLag   records of lag on an input partition from which an instance is far behind
 */
@ConfigurationProperties("hirestream.funnel")
public record FunnelSettings(Duration emitInterval, Duration queryTimeout, int maxStreams, Duration commitInterval,
                             long catchUpLag) {
}
