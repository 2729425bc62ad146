package io.hirestream.intake;

import io.hirestream.events.SubmissionReceipt;
import io.hirestream.service.kafka.TopicView;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How intake settles a keyed application whose commit answer was lost: the receipts view reads past
 * the receipt only once its transaction is decided, and then holds it exactly when it committed. A
 * view that has merely read "up to now" may not yet know, and a retry answered from it would write the
 * application a second time.
 */
@WithKafkaStack
class ReceiptsSettleIT {

    @Test
    void aReceiptStillBeingCommittedIsWaitedForAndTakenInOnceCommitted(KafkaStack stack) throws Exception {
        try (TopicView<SubmissionReceipt> receipts = new TopicView<>(Topics.SUBMISSION_RECEIPTS, stack.clientConfigs()).start();
             KafkaProducer<String, SubmissionReceipt> producer = transactionalProducer(stack)) {
            String key = "settle-" + UUID.randomUUID();
            RecordMetadata written = sendInOpenTransaction(producer, key);

            CompletableFuture<Void> past = receipts.readPast(partitionOf(written), written.offset());
            receipts.readUpToNow().get(60, TimeUnit.SECONDS);
            assertThat(receipts.get(key)).as("read up to now, the transaction still open").isEmpty();
            assertThat(past).as("read past the receipt while its transaction is open").isNotDone();

            producer.commitTransaction();
            past.get(60, TimeUnit.SECONDS);
            assertThat(receipts.get(key)).as("once read past the committed receipt").isPresent();
        }
    }

    @Test
    void aReceiptWhoseTransactionAbortedIsReadPastAndNeverTakenIn(KafkaStack stack) throws Exception {
        try (TopicView<SubmissionReceipt> receipts = new TopicView<>(Topics.SUBMISSION_RECEIPTS, stack.clientConfigs()).start();
             KafkaProducer<String, SubmissionReceipt> producer = transactionalProducer(stack)) {
            String key = "settle-" + UUID.randomUUID();
            RecordMetadata written = sendInOpenTransaction(producer, key);
            CompletableFuture<Void> past = receipts.readPast(partitionOf(written), written.offset());

            producer.abortTransaction();
            past.get(60, TimeUnit.SECONDS);
            assertThat(receipts.get(key)).isEmpty();
        }
    }

    private static KafkaProducer<String, SubmissionReceipt> transactionalProducer(KafkaStack stack) {
        KafkaProducer<String, SubmissionReceipt> producer = new KafkaProducer<>(stack.kafkaConfigs(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "receipts-settle-" + UUID.randomUUID())),
                new StringSerializer(), Topics.SUBMISSION_RECEIPTS.valueSerde(stack.clientConfigs()).serializer());
        producer.initTransactions();
        return producer;
    }

    /** Begins a transaction and writes a receipt under {@code key} in it: acknowledged, not committed. */
    private static RecordMetadata sendInOpenTransaction(KafkaProducer<String, SubmissionReceipt> producer, String key)
            throws Exception {
        producer.beginTransaction();
        return producer.send(new ProducerRecord<>(Topics.SUBMISSION_RECEIPTS.name(), key, new SubmissionReceipt(key, "hash",
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(), Instant.now())))
                .get(30, TimeUnit.SECONDS);
    }

    private static TopicPartition partitionOf(RecordMetadata written) {
        return new TopicPartition(written.topic(), written.partition());
    }
}
