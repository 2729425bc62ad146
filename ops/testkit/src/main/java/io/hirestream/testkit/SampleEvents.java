package io.hirestream.testkit;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSource;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Degree;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Outcome;
import io.hirestream.events.Recommendation;
import io.hirestream.events.Requirements;
import io.hirestream.events.Requisition;
import io.hirestream.events.RequisitionStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events for tests, starting from the seed posting: Machine Learning Engineer, Remote (US only). */
public final class SampleEvents {

    public static final String SEED_ROLE = "Machine Learning Engineer";
    public static final String SEED_LOCATION = "Remote, US";

    private SampleEvents() {
    }

    /** The seed requisition: 158,950 to 327,000 USD, 8+ years, at least a master's, US only. */
    public static Requisition seedRequisition(String requisitionId) {
        return Requisition.newBuilder()
                .setRequisitionId(requisitionId)
                .setRole(SEED_ROLE)
                .setLocation(SEED_LOCATION)
                .setDepartment("ML Research")
                .setSalaryMin(new BigDecimal("158950.00"))
                .setSalaryMax(new BigDecimal("327000.00"))
                .setCurrency("USD")
                .setRequirements(Requirements.newBuilder()
                        .setMinYearsOfExperience(8)
                        .setMinDegree(Degree.MASTERS)
                        .setEligibleCountries(List.of("US"))
                        .build())
                .setStatus(RequisitionStatus.OPEN)
                .setOpenedAt(Instant.parse("2026-11-02T09:00:00Z"))
                .build();
    }

    public static ApplicationSubmitted applied(String applicationId, String role, String location, Instant at) {
        return ApplicationSubmitted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setApplicationId(applicationId)
                .setRequisitionId("req-" + role.hashCode())
                .setRole(role)
                .setLocation(location)
                .setOccurredAt(at)
                .setCandidateId(UUID.randomUUID().toString())
                .setSource(ApplicationSource.CAREERS_SITE)
                .setYearsOfExperience(9)
                .setHighestDegree(Degree.PHD)
                .setCountryOfResidence("US")
                .build();
    }

    public static ApplicationScreened screened(String applicationId, String role, String location, Instant at, Outcome outcome) {
        return ApplicationScreened.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setApplicationId(applicationId)
                .setRequisitionId("req-" + role.hashCode())
                .setRole(role)
                .setLocation(location)
                .setOccurredAt(at)
                .setOutcome(outcome)
                .setReasons(List.of())
                .setRulesVersion("test")
                .build();
    }

    public static InterviewCompleted interviewed(String applicationId, String role, String location, Instant at, Outcome outcome) {
        return InterviewCompleted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setApplicationId(applicationId)
                .setRequisitionId("req-" + role.hashCode())
                .setRole(role)
                .setLocation(location)
                .setOccurredAt(at)
                .setOutcome(outcome)
                .setRecommendation(outcome == Outcome.PASSED ? Recommendation.YES : Recommendation.NO)
                .setRounds(List.of())
                .build();
    }

    public static OfferExtended offered(String applicationId, String role, String location, Instant at, BigDecimal salary) {
        return OfferExtended.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setApplicationId(applicationId)
                .setRequisitionId("req-" + role.hashCode())
                .setRole(role)
                .setLocation(location)
                .setOccurredAt(at)
                .setBaseSalary(salary)
                .setCurrency("USD")
                .build();
    }
}
