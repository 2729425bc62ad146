package io.hirestream.funnel;

import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.funnel.domain.ApplicationEvent;
import io.hirestream.funnel.topology.CatchUp;
import io.hirestream.funnel.topology.FunnelTopology;
import io.hirestream.service.streams.QueryableStore;
import io.hirestream.topics.Topics;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;


/**
 * Hands Micronaut's stream builder to the topology function (Micronaut runs the resulting
 * KafkaStreams), with the view its tasks keep their live parts in; and the applications store,
 * which any instance can read by application id.
 */
@Factory
public class FunnelStreams {

    @Singleton
    FunnelView view(FunnelSettings settings) {
        return new FunnelView(settings.slicedBy());
    }

    /** Caught up again under a tenth of the lag that made the instance far behind. */
    @Singleton
    @Bean(preDestroy = "close")
    CatchUp catchUp(FunnelSettings settings) {
        return new CatchUp(settings.commitInterval(), settings.catchUpLag(), settings.catchUpLag() / 10);
    }

    @Singleton
    KStream<String, ApplicationEvent> funnel(ConfiguredStreamBuilder builder, FunnelSettings settings,
                                       KafkaClientSettings clients, StagePartitions stagePartitions, FunnelView view,
                                       CatchUp catchUp) {
        builder.getConfiguration().putAll(FunnelTopology.streamsSettings());
        builder.getConfiguration().putAll(ProcessingPriority.streams(settings.processingNice()));
        return FunnelTopology.build(builder, settings.emitInterval(), clients.clients(), stagePartitions::await, view, catchUp,
                settings.fairnessMinimumGroupSize());
    }

    @Singleton
    QueryableStore<ApplicationState> applications() {
        return new QueryableStore<>(FunnelTopology.APPLICATIONS_STORE, Topics.APPLIED.name(), FunnelTopology.applicationSerde());
    }
}
