package io.hirestream.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry answered with an error, or could not be reached within the bounded retries.
 * The message names what was asked (subject or schema id), the registry URL and the registry's
 * own answer, so a person can act on it.
 */
public class SchemaRegistryException extends SerializationException {

    /** Confluent's error code for an unknown subject. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's error code for an unknown version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent's error code for an unknown schema (by id, or a lookup that matched none). */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
    }

    /** The HTTP status, or -1 where no answer came. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, or -1. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isIncompatible() {
        return status == 409;
    }

    /** True where retrying later may help: the registry was unreachable or failed on its side. */
    public boolean isTransient() {
        return status == -1 || status == 408 || status == 429 || status >= 500;
    }
}
