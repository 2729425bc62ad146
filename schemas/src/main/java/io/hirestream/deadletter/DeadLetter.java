package io.hirestream.deadletter;

import io.hirestream.serde.Buffers;
import io.hirestream.serde.UndeserializableRecordException;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A record that a service could not process, as it travels on the dead-letter topic: the original
 * key and value bytes, the original headers, and headers naming where it came from and why.
 *
 * @param sourceTopic     topic the record was read from
 * @param sourcePartition its partition there
 * @param sourceOffset    its offset there
 * @param error           machine-readable reason (e.g. {@code WRONG_MAGIC_BYTE}, {@code PROCESSING_FAILED})
 * @param message         what went wrong, for a person
 * @param service         the service that failed on it
 * @param failedAt        when it failed
 * @param key             the original key bytes
 * @param value           the original value bytes
 * @param originalHeaders the record's own headers, kept as they were
 */
public record DeadLetter(String sourceTopic,
                         int sourcePartition,
                         long sourceOffset,
                         String error,
                         String message,
                         String service,
                         Instant failedAt,
                         byte[] key,
                         byte[] value,
                         Headers originalHeaders) {

    public static final String PREFIX = "hirestream.dlq.";
    public static final String SOURCE_TOPIC = PREFIX + "source.topic";
    public static final String SOURCE_PARTITION = PREFIX + "source.partition";
    public static final String SOURCE_OFFSET = PREFIX + "source.offset";
    public static final String ERROR = PREFIX + "error";
    public static final String ERROR_MESSAGE = PREFIX + "error.message";
    public static final String SERVICE = PREFIX + "service";
    public static final String FAILED_AT = PREFIX + "failed.at";

    /** The error code of a record a service read but could not process. */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";
    /** The error code of a record whose processing led to an output that could not be serialized or written. */
    public static final String OUTPUT_REJECTED = "OUTPUT_REJECTED";

    private static final int MAX_MESSAGE_LENGTH = 2_000;

    /** A dead letter for a record whose value could not be read or processed. */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, Throwable cause, String service, Instant now) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), errorCode(cause),
                String.valueOf(cause.getMessage()), service, now, record.key(), record.value(), record.headers());
    }

    /**
     * A dead letter for a record a plain consumer could not deserialize: the exception carries
     * the record's bytes, headers and position, so nothing of it is lost.
     */
    public static DeadLetter of(RecordDeserializationException failure, String service, Instant now) {
        return new DeadLetter(failure.topicPartition().topic(), failure.topicPartition().partition(), failure.offset(),
                errorCode(failure), String.valueOf(failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage()),
                service, now, Buffers.copy(failure.keyBuffer()), Buffers.copy(failure.valueBuffer()), failure.headers());
    }


    /** The machine-readable reason of a failure: the typed reason of a poison record, else PROCESSING_FAILED. */
    public static String errorCode(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UndeserializableRecordException undeserializable) {
                return undeserializable.reason().name();
            }
        }
        return PROCESSING_FAILED;
    }

    /** The record to write to the dead-letter topic. */
    public ProducerRecord<byte[], byte[]> toProducerRecord() {
        Headers headers = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header header : originalHeaders) {
                if (!header.key().startsWith(PREFIX)) {
                    headers.add(header);
                }
            }
        }
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        put(headers, ERROR, error);
        put(headers, ERROR_MESSAGE, message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message);
        put(headers, SERVICE, service);
        put(headers, FAILED_AT, failedAt.toString());
        return new ProducerRecord<>(Topics.DEAD_LETTERS_TOPIC.name(), null, key, value, headers);
    }

    /** Reads a record of the dead-letter topic back; empty where it lacks the headers. */
    public static Optional<DeadLetter> from(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        Optional<String> topic = header(headers, SOURCE_TOPIC);
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        Headers original = new RecordHeaders();
        for (Header header : headers) {
            if (!header.key().startsWith(PREFIX)) {
                original.add(header);
            }
        }
        return Optional.of(new DeadLetter(topic.get(),
                Integer.parseInt(header(headers, SOURCE_PARTITION).orElse("-1")),
                Long.parseLong(header(headers, SOURCE_OFFSET).orElse("-1")),
                header(headers, ERROR).orElse(PROCESSING_FAILED),
                header(headers, ERROR_MESSAGE).orElse(""),
                header(headers, SERVICE).orElse("unknown"),
                header(headers, FAILED_AT).map(Instant::parse).orElse(Instant.ofEpochMilli(record.timestamp())),
                record.key(), record.value(), original));
    }

    public static Optional<String> header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static void put(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
