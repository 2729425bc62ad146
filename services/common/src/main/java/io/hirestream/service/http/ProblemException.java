package io.hirestream.service.http;

import io.micronaut.http.HttpStatus;

/** Thrown by HTTP adapters to answer with a {@link Problem}; nothing has been written when it is thrown. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(HttpStatus status, String type, String title, String detail, String field) {
        super(detail);
        this.problem = new Problem("https://hirestream.io/problems/" + type, title, status.getCode(), detail, field);
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid", detail, field);
    }

    public static ProblemException notFound(String what, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, what + "-not-found", "No such " + what, detail, null);
    }

    public static ProblemException conflict(String type, String title, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, type, title, detail, null);
    }

    public static ProblemException unprocessable(String type, String title, String detail, String field) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, type, title, detail, field);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable", detail, null);
    }

    /** The outcome of a write is not known yet: it may or may not have happened. */
    public static ProblemException outcomeUnknown(String detail) {
        return new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "outcome-unknown", "The outcome is not known yet", detail, null);
    }

    /** A request with the same Idempotency-Key is still being written. */
    public static ProblemException inProgress(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "request-in-progress", "The same request is still in progress", detail,
                "Idempotency-Key");
    }

    public Problem problem() {
        return problem;
    }
}
