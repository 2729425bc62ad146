package io.hirestream.intake.domain;

/**
 * An application as a candidate (or a recruiter on their behalf) submits it.
 *
 * @param requisitionId the requisition applied to
 * @param source        CAREERS_SITE, REFERRAL, JOB_BOARD, AGENCY, SOURCED or OTHER
 * @param candidate     who applies
 */
public record ApplicationRequest(String requisitionId, String source, Candidate candidate) {

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
