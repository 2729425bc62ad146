package io.hirestream.funnel;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Down until this instance's view of the funnel is complete (it has read every partition's
 * published parts once), so that a load balancer sends queries only to instances that answer
 * them at once.
 */
@Singleton
public class FunnelViewHealth implements HealthIndicator {

    private final PublishedPartsFollower published;

    public FunnelViewHealth(PublishedPartsFollower published) {
        this.published = published;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean complete = published.caughtUp();
        return Mono.just(HealthResult.builder("funnelView", complete ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("complete", complete)).build());
    }
}
