package io.hirestream.funnel;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * The funnel's own settings ({@code hirestream.funnel.*}).
 *
 * @param emitInterval how often each task sends its changed parts of rows on to be published
 * @param queryTimeout how long a query waits out a rebalance or restore before answering 503
 * @param maxStreams   how many live streams ({@code /api/funnel/stream}) one instance serves at once
 */
@ConfigurationProperties("hirestream.funnel")
public record FunnelSettings(Duration emitInterval, Duration queryTimeout, int maxStreams) {
}
