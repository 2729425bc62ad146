package io.hirestream.intake.kafka;

import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.events.Requisition;
import io.hirestream.events.SubmissionReceipt;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.service.kafka.TopicView;
import io.hirestream.service.privacy.CandidateKeyring;
import io.hirestream.topics.Topics;

import java.time.Clock;
import java.time.Duration;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Map;

/** Intake's Kafka clients: one transactional writer, and views of the requisitions and receipts. */
@Factory
public class IntakeKafka {

    private final Map<String, Object> clientConfigs;
    private final String transactionalId;

    public IntakeKafka(KafkaClientSettings settings,
                       @Value("${hirestream.intake.instance-id:}") String instanceId,
                       @Value("${micronaut.server.port}") int port) {
        this.clientConfigs = settings.clients();
        this.transactionalId = "hirestream-intake-" + (instanceId == null || instanceId.isBlank() ? "intake-" + port : instanceId);
    }

    @Singleton
    @Bean(preDestroy = "close")
    TransactionalWriter writer() {
        return new TransactionalWriter(clientConfigs, transactionalId, new AvroSerializer<>(clientConfigs, false)).start();
    }

    @Singleton
    @Bean(preDestroy = "close")
    TopicView<Requisition> requisitions() {
        return new TopicView<>(Topics.REQUISITIONS, clientConfigs).start();
    }

    /** The candidates' data keys, by candidateId: who is still there to erase. */
    @Singleton
    @Bean(preDestroy = "close")
    CandidateKeyring candidateKeys() {
        return new CandidateKeyring(clientConfigs).start();
    }

    /**
     * The receipts of keyed submissions of the idempotency period (24 h by default), at most
     * {@code receipts-max} of them in memory: the oldest go first.
     */
    @Singleton
    @Bean(preDestroy = "close")
    TopicView<SubmissionReceipt> receipts(@Value("${hirestream.intake.idempotency-period}") Duration period,
                                          @Value("${hirestream.intake.receipts-max}") int max) {
        return new TopicView<>(Topics.SUBMISSION_RECEIPTS, clientConfigs,
                new TopicView.Retention<>(period, max, SubmissionReceipt::getReceivedAt), Clock.systemUTC()).start();
    }
}
