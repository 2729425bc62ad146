package io.hirestream.intake.domain;

/**
 * An application that passed every check, normalized, before it is admitted to a requisition.
 *
 * @param requisitionId      the requisition applied to
 * @param source             the channel, upper-case
 * @param name               the candidate's name, trimmed
 * @param email              the candidate's email, trimmed
 * @param countryOfResidence upper-case ISO code
 * @param yearsOfExperience  0 to 70
 * @param highestDegree      upper-case degree
 * @param selfIdentification what the candidate declared, null where they sent nothing
 */
public record Submission(String requisitionId, String source, String name, String email, String countryOfResidence,
                        int yearsOfExperience, String highestDegree, SelfIdentification selfIdentification) {
}
