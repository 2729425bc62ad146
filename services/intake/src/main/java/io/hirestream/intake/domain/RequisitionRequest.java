package io.hirestream.intake.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * A request to open a requisition, as a recruiter sends it.
 *
 * @param role                 job title, e.g. "Machine Learning Engineer"
 * @param location             where the job is, e.g. "Remote, US"
 * @param department           hiring department
 * @param salaryMin            lower end of the annual base salary band
 * @param salaryMax            upper end of the band
 * @param currency             ISO 4217 code of the band
 * @param minYearsOfExperience minimum years of experience
 * @param minDegree            minimum degree: NONE, BACHELORS, MASTERS or PHD
 * @param eligibleCountries    ISO 3166-1 alpha-2 codes candidates may live in; empty or absent means anywhere
 * @param interviewRounds      the interview loop's rounds, in order; empty or absent means the default loop
 */
public record RequisitionRequest(String role,
                                 String location,
                                 String department,
                                 BigDecimal salaryMin,
                                 BigDecimal salaryMax,
                                 String currency,
                                 Integer minYearsOfExperience,
                                 String minDegree,
                                 List<String> eligibleCountries,
                                 List<String> interviewRounds) {
}
