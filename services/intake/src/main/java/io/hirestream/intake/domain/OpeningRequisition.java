package io.hirestream.intake.domain;

import java.math.BigDecimal;
import java.util.List;

/** A requisition request that passed every check, normalized (trimmed, upper-cased codes, two decimals). */
public record OpeningRequisition(String role,
                                 String location,
                                 String department,
                                 BigDecimal salaryMin,
                                 BigDecimal salaryMax,
                                 String currency,
                                 int minYearsOfExperience,
                                 String minDegree,
                                 List<String> eligibleCountries,
                                 List<String> interviewRounds) {

    public OpeningRequisition {
        eligibleCountries = List.copyOf(eligibleCountries);
        interviewRounds = List.copyOf(interviewRounds);
    }
}
