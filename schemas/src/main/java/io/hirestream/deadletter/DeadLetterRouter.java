package io.hirestream.deadletter;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordDeserializationException;

import java.time.Clock;
import java.util.concurrent.ExecutionException;

/**
 * For plain consumers: sends a record that could not be deserialized to the dead-letter topic,
 * waits for the broker's acknowledgement, and only then moves the consumer past it, so that a
 * poison record is never lost and never stops the consumer. (Kafka Streams services route
 * through their exception handlers instead.)
 */
public final class DeadLetterRouter {

    private final Producer<byte[], byte[]> producer;
    private final String service;
    private final Clock clock;

    public DeadLetterRouter(Producer<byte[], byte[]> producer, String service, Clock clock) {
        this.producer = producer;
        this.service = service;
        this.clock = clock;
    }

    /** Dead-letters the record and seeks the consumer to the one after it. */
    public RecordMetadata route(RecordDeserializationException failure, Consumer<?, ?> consumer) {
        DeadLetter letter = DeadLetter.of(failure, service, clock.instant());
        try {
            RecordMetadata written = producer.send(letter.toProducerRecord()).get();
            consumer.seek(failure.topicPartition(), failure.offset() + 1);
            return written;
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write a dead letter for " + failure.topicPartition() + "@" + failure.offset()
                    + "; the consumer stays at that record: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing a dead letter", e);
        }
    }
}
