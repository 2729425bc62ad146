package io.hirestream.intake.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hirestream.events.Requisition;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A requisition on the wire. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RequisitionJson(String requisitionId, String role, String location, String department,
                              BigDecimal salaryMin, BigDecimal salaryMax, String currency,
                              int minYearsOfExperience, String minDegree, List<String> eligibleCountries,
                              List<String> interviewRounds, String status, Instant openedAt, Instant closedAt) {

    public static RequisitionJson of(Requisition r) {
        return new RequisitionJson(r.getRequisitionId(), r.getRole(), r.getLocation(), r.getDepartment(),
                r.getSalaryMin(), r.getSalaryMax(), r.getCurrency(), r.getRequirements().getMinYearsOfExperience(),
                r.getRequirements().getMinDegree().name(), List.copyOf(r.getRequirements().getEligibleCountries()),
                List.copyOf(r.getInterviewRounds()), r.getStatus().name(), r.getOpenedAt(), r.getClosedAt());
    }
}
