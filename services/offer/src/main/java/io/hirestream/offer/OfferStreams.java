package io.hirestream.offer;

import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.offer.domain.OfferCase;
import io.hirestream.offer.topology.OfferTopology;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.service.kafka.RecordPublisher;
import io.hirestream.service.streams.JsonSerde;
import io.hirestream.service.streams.QueryableStore;
import io.hirestream.topics.Topics;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

import java.time.Duration;
import java.util.Map;

/** The offer service's Kafka parts: the topology, its queryable offers, and the decisions writer. */
@Factory
public class OfferStreams {

    private final Map<String, Object> clientConfigs;

    public OfferStreams(KafkaClientSettings settings) {
        this.clientConfigs = settings.clients();
    }

    @Singleton
    KStream<String, InterviewCompleted> offers(ConfiguredStreamBuilder builder,
                                               @Value("${hirestream.offer.auto-approve}") boolean autoApprove) {
        return OfferTopology.build(builder, autoApprove, clientConfigs);
    }

    @Singleton
    QueryableStore<OfferCase> offerCases() {
        return new QueryableStore<>(OfferTopology.OFFERS_STORE, Topics.INTERVIEWED.name(), JsonSerde.of(OfferCase.class),
                offer -> Map.of("status", offer.status(), "requisitionId", offer.requisitionId()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    RecordPublisher decisionPublisher(@Value("${hirestream.offer.write-timeout}") Duration timeout) {
        return new RecordPublisher(clientConfigs, new AvroSerializer<>(clientConfigs, false), timeout);
    }
}
