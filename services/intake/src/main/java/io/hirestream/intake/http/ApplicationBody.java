package io.hirestream.intake.http;

import io.hirestream.intake.domain.ApplicationRequest;
import io.hirestream.service.http.JsonRequest;
import io.hirestream.service.http.Text;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/applications}; the domain's rules (country, degree, email) apply after these. */
@Serdeable
public record ApplicationBody(
        @NotBlank @Size(max = 100) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String requisitionId,
        @NotBlank @Size(max = 40) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String source,
        @NotNull @Valid Candidate candidate,
        @Nullable @Valid SelfIdentification selfIdentification) implements JsonRequest {

    /**
     * Voluntary self-identification for equal-opportunity monitoring: each category optional (left
     * out: declined); the values are checked against the EEO-1 categories by the domain's rules.
     */
    @Serdeable
    public record SelfIdentification(
            @Nullable @Size(max = 40) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String sex,
            @Nullable @Size(max = 40) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String raceEthnicity,
            @Nullable @Size(max = 40) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String veteran,
            @Nullable @Size(max = 40) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String disability) {
    }

    @Serdeable
    public record Candidate(
            @NotBlank @Size(max = 200) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String name,
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 10) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String countryOfResidence,
            @NotNull @Min(0) @Max(70) Integer yearsOfExperience,
            @NotBlank @Size(max = 20) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String highestDegree) {
    }

    ApplicationRequest toRequest() {
        return new ApplicationRequest(requisitionId, source, new ApplicationRequest.Candidate(candidate.name, candidate.email,
                candidate.countryOfResidence, candidate.yearsOfExperience, candidate.highestDegree),
                selfIdentification == null ? null : new ApplicationRequest.Declared(selfIdentification.sex,
                        selfIdentification.raceEthnicity, selfIdentification.veteran, selfIdentification.disability));
    }
}
