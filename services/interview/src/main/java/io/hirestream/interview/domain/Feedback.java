package io.hirestream.interview.domain;

/**
 * One interviewer's feedback on one round.
 *
 * @param feedbackId     unique id
 * @param round          the round, upper snake case
 * @param interviewer    who interviewed
 * @param recommendation STRONG_NO, NO, YES or STRONG_YES
 * @param notes          free text, or null
 * @param submittedAt    epoch milliseconds
 */
public record Feedback(String feedbackId, String round, String interviewer, String recommendation, String notes,
                       long submittedAt) {
}
