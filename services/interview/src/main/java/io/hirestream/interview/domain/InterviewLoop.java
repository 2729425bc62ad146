package io.hirestream.interview.domain;

import java.util.List;

/**
 * An application's interview loop: its rounds, the feedback given so far (at most one per
 * round, the first), and, once every round has feedback, the decision.
 *
 * @param applicationId  the application
 * @param requisitionId  its requisition
 * @param role           carried to the interviewed event unchanged
 * @param location       carried to the interviewed event unchanged
 * @param openedAt       when screening passed it, epoch milliseconds
 * @param rounds         the rounds, in order
 * @param feedback       feedback given, in the order it came
 * @param status         OPEN or DECIDED
 * @param outcome        PASSED or REJECTED once decided, else null
 * @param recommendation the loop's overall recommendation once decided, else null
 * @param decidedAt      when the last feedback came, once decided, else 0
 * @param candidateId    whose data key seals the notes; null for a loop opened from a screened event without it
 */
public record InterviewLoop(String applicationId, String requisitionId, String role, String location, long openedAt,
                            List<String> rounds, List<Feedback> feedback, String status, String outcome,
                            String recommendation, long decidedAt, String candidateId) {

    public static final String OPEN = "OPEN";
    public static final String DECIDED = "DECIDED";

    public InterviewLoop {
        rounds = List.copyOf(rounds);
        feedback = List.copyOf(feedback);
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** The rounds that have no feedback yet. */
    public List<String> pendingRounds() {
        return rounds.stream().filter(round -> feedback.stream().noneMatch(f -> f.round().equals(round))).toList();
    }
}
