package io.hirestream.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes cannot become a value: a poison record. Unlike a registry outage, retrying does
 * not help, so consumers route it to the dead-letter topic with {@link #reason()} and go on.
 */
public class UndeserializableRecordException extends SerializationException {

    /** Why the bytes could not be read; the code that goes into the dead-letter headers. */
    public enum Reason {
        /** The first byte is not the wire format's 0x00. */
        WRONG_MAGIC_BYTE,
        /** The 4-byte schema id names no schema in the registry. */
        UNKNOWN_SCHEMA_ID,
        /** The bytes end before the id or the Avro data does. */
        TRUNCATED,
        /** The writer's schema cannot be resolved against the reader's. */
        UNRESOLVABLE_SCHEMA,
        /** The Avro data is malformed in some other way. */
        CORRUPT
    }

    private final Reason reason;
    private final String topic;
    private final int schemaId;

    public UndeserializableRecordException(Reason reason, String topic, int schemaId, String message, Throwable cause) {
        super(reason + " on topic " + topic + (schemaId >= 0 ? " (schema id " + schemaId + ")" : "") + ": " + message,
                cause);
        this.reason = reason;
        this.topic = topic;
        this.schemaId = schemaId;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }

    /** The schema id the record named, or -1 where it could not be read. */
    public int schemaId() {
        return schemaId;
    }
}
