package io.hirestream.service.health;

import io.hirestream.registry.SchemaRegistryClient;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Down while a serde of this service waits for a schema registry it cannot reach (its records are
 * held, not dead-lettered); up again by itself once the registry answers.
 */
@Singleton
public class SchemaRegistryHealth implements HealthIndicator {

    @Override
    public Publisher<HealthResult> getResult() {
        Optional<Instant> since = SchemaRegistryClient.unavailableSince();
        HealthResult.Builder result = HealthResult.builder("schemaRegistry", since.isPresent() ? HealthStatus.DOWN : HealthStatus.UP);
        since.ifPresent(at -> result.details(Map.of("unavailableSince", at.toString(),
                "records", "held until the registry answers")));
        return Mono.just(result.build());
    }
}
