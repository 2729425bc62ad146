package io.hirestream.interview;

import io.hirestream.service.privacy.CandidateKeyring;
import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.events.InterviewFeedback;
import io.hirestream.interview.domain.InterviewLoop;
import io.hirestream.interview.topology.InterviewTopology;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.service.kafka.RecordPublisher;
import io.hirestream.service.streams.JsonSerde;
import io.hirestream.service.streams.QueryableStore;
import io.hirestream.topics.Topics;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The interview service's Kafka parts: the topology, its queryable loops, and the feedback writer. */
@Factory
public class InterviewStreams {

    private final Map<String, Object> clientConfigs;

    public InterviewStreams(KafkaClientSettings settings) {
        this.clientConfigs = settings.clients();
    }

    @Singleton
    KStream<String, InterviewFeedback> interviews(ConfiguredStreamBuilder builder,
                                                  @Value("${hirestream.interview.default-rounds}") List<String> defaultRounds) {
        return InterviewTopology.build(builder, defaultRounds, clientConfigs);
    }

    @Singleton
    QueryableStore<InterviewLoop> loops() {
        return new QueryableStore<>(InterviewTopology.LOOPS_STORE, Topics.SCREENED.name(), JsonSerde.of(InterviewLoop.class),
                loop -> Map.of("status", loop.status(), "requisitionId", loop.requisitionId()));
    }

    /**
     * The candidates' data keys: notes are sealed with them, and open only while the candidate is not erased.
     * Made at start, so that the keyring reads the key topic before the first note needs it, not after.
     */
    @Context
    @Bean(preDestroy = "close")
    CandidateKeyring candidateKeys() {
        return new CandidateKeyring(clientConfigs).start();
    }

    @Singleton
    @Bean(preDestroy = "close")
    RecordPublisher feedbackPublisher(@Value("${hirestream.interview.write-timeout}") Duration timeout) {
        return new RecordPublisher(clientConfigs, new AvroSerializer<>(clientConfigs, false), timeout);
    }
}
