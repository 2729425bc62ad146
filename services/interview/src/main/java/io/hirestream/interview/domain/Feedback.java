package io.hirestream.interview.domain;

/**
 * One interviewer's feedback on one round.
 *
 * @param feedbackId     unique id
 * @param round          the round, upper snake case
 * @param interviewer    who interviewed
 * @param recommendation STRONG_NO, NO, YES or STRONG_YES
 * @param notes          free text in clear: only in feedback given before notes were sealed; else null
 * @param submittedAt    epoch milliseconds
 * @param sealedNotes    free text sealed under the candidate's data key, or null
 */
public record Feedback(String feedbackId, String round, String interviewer, String recommendation, String notes,
                       long submittedAt, byte[] sealedNotes) {
}
