package io.hirestream.intake.domain;

/**
 * An application as a candidate (or a recruiter on their behalf) submits it.
 *
 * @param requisitionId the requisition applied to
 * @param source        CAREERS_SITE, REFERRAL, JOB_BOARD, AGENCY, SOURCED or OTHER
 * @param candidate     who applies
 * @param selfIdentification what the candidate declares for equal-opportunity monitoring; null: nothing
 */
public record ApplicationRequest(String requisitionId, String source, Candidate candidate, Declared selfIdentification) {

    /** An application without self-identification. */
    public ApplicationRequest(String requisitionId, String source, Candidate candidate) {
        this(requisitionId, source, candidate, null);
    }

    /** Self-identification as sent: each category's value, or null where it was left out (declined). */
    public record Declared(String sex, String raceEthnicity, String veteran, String disability) {
    }

    /**
     * @param name               full name
     * @param email              email address
     * @param countryOfResidence ISO 3166-1 alpha-2 code
     * @param yearsOfExperience  years of relevant experience
     * @param highestDegree      NONE, BACHELORS, MASTERS or PHD
     */
    public record Candidate(String name, String email, String countryOfResidence, Integer yearsOfExperience,
                            String highestDegree) {
    }
}
