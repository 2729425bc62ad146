package io.hirestream.offer.http;

import io.hirestream.service.http.JsonRequest;
import io.hirestream.service.http.Text;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** The bodies of the decisions on an offer. Money: positive, at most 12 digits before the point and 2 after. */
final class DecisionBodies {

    private DecisionBodies() {
    }

    /** {@code POST /api/offers/{id}/approve}: extends the offer, at {@code baseSalary} when given. */
    @Serdeable
    record Approval(
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal baseSalary,
            @NotBlank @Size(max = 100) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String approvedBy)
            implements JsonRequest {
    }

    /** {@code POST /api/offers/{id}/adjust}: a new amount for the draft. */
    @Serdeable
    record Adjustment(
            @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal baseSalary,
            @NotBlank @Size(max = 100) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String decidedBy)
            implements JsonRequest {
    }

    /** {@code POST /api/offers/{id}/withdraw}. */
    @Serdeable
    record Withdrawal(
            @NotBlank @Size(max = 100) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String decidedBy)
            implements JsonRequest {
    }
}
