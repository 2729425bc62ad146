package io.hirestream.funnel;

import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.funnel.topology.FunnelTopology;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;


/** Hands Micronaut's stream builder to the topology function; Micronaut runs the resulting KafkaStreams. */
@Factory
public class FunnelStreams {

    @Singleton
    KStream<String, StageEvent> funnel(ConfiguredStreamBuilder builder, FunnelSettings settings,
                                       KafkaClientSettings clients, StagePartitions stagePartitions) {
        return FunnelTopology.build(builder, settings.emitInterval(), clients.clients(), stagePartitions::await);
    }
}
