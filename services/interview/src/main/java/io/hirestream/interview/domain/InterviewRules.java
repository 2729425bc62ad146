package io.hirestream.interview.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * How a loop runs and is decided. A loop is complete when every round has feedback (the first
 * feedback for a round stands). Then:
 * <ul>
 *   <li>any STRONG_NO rejects (overall STRONG_NO);</li>
 *   <li>otherwise it passes when YES and STRONG_YES outnumber NO (overall STRONG_YES when most
 *       rounds are STRONG_YES, else YES), and is rejected otherwise (overall NO).</li>
 * </ul>
 */
public final class InterviewRules {

    public static final List<String> RECOMMENDATIONS = List.of("STRONG_NO", "NO", "YES", "STRONG_YES");

    private InterviewRules() {
    }

    public static InterviewLoop open(String applicationId, String requisitionId, String role, String location,
                                     List<String> rounds, long at, String candidateId) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a loop needs at least one round");
        }
        return new InterviewLoop(applicationId, requisitionId, role, location, at, rounds, List.of(),
                InterviewLoop.OPEN, null, null, 0, candidateId);
    }

    /** Whether feedback for the round may be given on the loop (null loop: none is open). */
    public static Check check(InterviewLoop loop, String round) {
        if (loop == null) {
            return Check.NO_LOOP;
        }
        if (!loop.isOpen()) {
            return Check.LOOP_DECIDED;
        }
        if (!loop.rounds().contains(round)) {
            return Check.UNKNOWN_ROUND;
        }
        return loop.pendingRounds().contains(round) ? Check.OK : Check.ROUND_DONE;
    }

    /** The loop with the feedback taken in, and decided if that completes it; the same loop where it does not apply. */
    public static InterviewLoop record(InterviewLoop loop, Feedback feedback) {
        if (check(loop, feedback.round()) != Check.OK) {
            return loop;
        }
        List<Feedback> given = new ArrayList<>(loop.feedback());
        given.add(feedback);
        InterviewLoop next = new InterviewLoop(loop.applicationId(), loop.requisitionId(), loop.role(), loop.location(),
                loop.openedAt(), loop.rounds(), given, InterviewLoop.OPEN, null, null, 0, loop.candidateId());
        if (!next.pendingRounds().isEmpty()) {
            return next;
        }
        long strongNo = count(given, "STRONG_NO");
        long no = count(given, "NO");
        long yes = count(given, "YES") + count(given, "STRONG_YES");
        boolean passed = strongNo == 0 && yes > no;
        String overall = strongNo > 0 ? "STRONG_NO"
                : !passed ? "NO"
                : count(given, "STRONG_YES") * 2 > given.size() ? "STRONG_YES" : "YES";
        long decidedAt = given.stream().mapToLong(Feedback::submittedAt).max().orElse(loop.openedAt());
        return new InterviewLoop(loop.applicationId(), loop.requisitionId(), loop.role(), loop.location(), loop.openedAt(),
                loop.rounds(), given, InterviewLoop.DECIDED, passed ? "PASSED" : "REJECTED", overall, decidedAt,
                loop.candidateId());
    }

    private static long count(List<Feedback> feedback, String recommendation) {
        return feedback.stream().filter(f -> f.recommendation().equals(recommendation)).count();
    }

    /** Whether feedback may be given, and why not. */
    public enum Check {
        OK,
        /** No loop is open for the application (it has not passed screening, or is unknown). */
        NO_LOOP,
        /** The loop is decided; it takes no more feedback. */
        LOOP_DECIDED,
        /** The round is not one of the loop's. */
        UNKNOWN_ROUND,
        /** The round already has feedback. */
        ROUND_DONE
    }
}
