package io.hirestream.deadletter;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordDeserializationException;

import java.time.Clock;
import java.util.concurrent.ExecutionException;

/**
 * For plain consumers: sends a record that could not be deserialized or processed to the
 * dead-letter topic, waits for the broker's acknowledgement, and only then moves past it, so that
 * a poison record is never lost and never stops the consumer. (Kafka Streams services route
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
        RecordMetadata written = write(DeadLetter.of(failure, service, clock.instant()));
        consumer.seek(failure.topicPartition(), failure.offset() + 1);
        return written;
    }

    /**
     * Dead-letters a record read as bytes that could not be read or processed, and returns once the
     * broker has acknowledged it: the caller moves past the record only then.
     */
    public RecordMetadata route(ConsumerRecord<byte[], byte[]> record, Throwable cause) {
        return write(DeadLetter.of(record, cause, service, clock.instant()));
    }

    private RecordMetadata write(DeadLetter letter) {
        String where = letter.sourceTopic() + "-" + letter.sourcePartition() + "@" + letter.sourceOffset();
        try {
            return producer.send(letter.toProducerRecord()).get();
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write a dead letter for " + where + "; the consumer stays at that record: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing a dead letter for " + where, e);
        }
    }
}
