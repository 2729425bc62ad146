package io.hirestream.intake.http;

import io.hirestream.intake.domain.RequisitionRequest;
import io.hirestream.service.http.JsonRequest;
import io.hirestream.service.http.Text;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /api/requisitions}. Money: positive, at most 12 digits before the point
 * and 2 after. The domain's rules (currency, degree, countries, band order) apply after these.
 */
@Serdeable
public record RequisitionBody(
        @NotBlank @Size(max = 200) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String role,
        @NotBlank @Size(max = 200) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String location,
        @NotBlank @Size(max = 200) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String department,
        @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal salaryMin,
        @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal salaryMax,
        @NotBlank @Size(max = 3) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String currency,
        @NotNull @Min(0) @Max(60) Integer minYearsOfExperience,
        @NotBlank @Size(max = 20) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String minDegree,
        @Size(max = 250) List<@NotBlank @Size(max = 2) String> eligibleCountries,
        @Size(max = 10) List<@NotBlank @Size(max = 60) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String> interviewRounds)
        implements JsonRequest {

    RequisitionRequest toRequest() {
        return new RequisitionRequest(role, location, department, salaryMin, salaryMax, currency, minYearsOfExperience,
                minDegree, eligibleCountries, interviewRounds);
    }
}
