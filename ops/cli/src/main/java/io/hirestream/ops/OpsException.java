package io.hirestream.ops;

/** A command cannot do what was asked; its message is printed as is, without a stack trace. */
public class OpsException extends RuntimeException {

    public OpsException(String message) {
        super(message);
    }

    public OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
