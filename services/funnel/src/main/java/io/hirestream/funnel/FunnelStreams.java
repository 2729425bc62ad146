package io.hirestream.funnel;

import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.funnel.topology.FunnelTopology;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

import java.util.Map;

/** Hands Micronaut's stream builder to the topology function; Micronaut runs the resulting KafkaStreams. */
@Factory
public class FunnelStreams {

    @Singleton
    KStream<String, StageEvent> funnel(ConfiguredStreamBuilder builder, FunnelSettings settings,
                                       @Value("${schema.registry.url}") String registryUrl) {
        return FunnelTopology.build(builder, settings.emitInterval(), Map.of("schema.registry.url", registryUrl));
    }
}
