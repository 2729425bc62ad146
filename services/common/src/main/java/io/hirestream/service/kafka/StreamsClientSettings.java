package io.hirestream.service.kafka;

import io.hirestream.clients.ClientSettings;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Gives every Kafka Streams application of a service the Kafka client settings of its
 * {@link KafkaClientSettings} (the cluster and its security settings), so that streams, plain
 * clients and serdes connect alike; the application's own {@code kafka.streams.default.*}
 * settings stay as they are.
 */
@Singleton
@Requires(classes = ConfiguredStreamBuilder.class)
public class StreamsClientSettings implements BeanCreatedEventListener<ConfiguredStreamBuilder> {

    private final KafkaClientSettings settings;

    public StreamsClientSettings(KafkaClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public ConfiguredStreamBuilder onCreated(BeanCreatedEvent<ConfiguredStreamBuilder> event) {
        ConfiguredStreamBuilder builder = event.getBean();
        ClientSettings.kafkaOnly(settings.clients()).forEach((key, value) -> builder.getConfiguration().putIfAbsent(key, value));
        return builder;
    }
}
