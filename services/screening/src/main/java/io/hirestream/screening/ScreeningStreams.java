package io.hirestream.screening;

import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.screening.topology.ScreeningTopology;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

import java.time.Duration;

/** Hands Micronaut's stream builder to the topology function; Micronaut runs the resulting KafkaStreams. */
@Factory
public class ScreeningStreams {

    @Singleton
    KStream<String, ApplicationSubmitted> screening(ConfiguredStreamBuilder builder,
                                                    @Value("${hirestream.screening.requisition-wait}") Duration requisitionWait,
                                                    KafkaClientSettings clients) {
        return ScreeningTopology.build(builder, requisitionWait, clients.clients());
    }
}
