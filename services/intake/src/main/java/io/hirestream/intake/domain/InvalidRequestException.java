package io.hirestream.intake.domain;

/** A request that breaks a rule, naming the field at fault and what would be right. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
