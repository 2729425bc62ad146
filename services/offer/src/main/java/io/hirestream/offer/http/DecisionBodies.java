package io.hirestream.offer.http;

import io.hirestream.service.http.JsonRequest;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;

/**
 * The bodies of the decisions on an offer. Money: positive, at most 12 digits before the point and 2 after.
 * Who decided is the signed-in person: a body naming {@code approvedBy} or {@code decidedBy} is refused
 * (unknown field).
 */
final class DecisionBodies {

    private DecisionBodies() {
    }

    /** {@code POST /api/offers/{id}/approve}: extends the offer, at {@code baseSalary} when given. */
    @Serdeable
    record Approval(
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal baseSalary)
            implements JsonRequest {
    }

    /** {@code POST /api/offers/{id}/adjust}: a new amount for the draft. */
    @Serdeable
    record Adjustment(
            @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal baseSalary)
            implements JsonRequest {
    }

    /** {@code POST /api/offers/{id}/withdraw}. */
    @Serdeable
    record Withdrawal() implements JsonRequest {
    }
}
