package io.hirestream.interview.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InterviewRulesTest {

    private static final InterviewLoop LOOP = InterviewRules.open("a1", "r1", "MLE", "Remote, US",
            List.of("TECHNICAL", "SYSTEM_DESIGN", "HIRING_MANAGER"), 1_000, "c1");

    private static Feedback feedback(String round, String recommendation, long at) {
        return new Feedback("f-" + round, round, "interviewer-" + round, recommendation, null, at, null);
    }

    private static InterviewLoop give(String... recommendations) {
        InterviewLoop loop = LOOP;
        for (int i = 0; i < recommendations.length; i++) {
            loop = InterviewRules.record(loop, feedback(LOOP.rounds().get(i), recommendations[i], 2_000 + i));
        }
        return loop;
    }

    @Test
    void theLoopIsDecidedWhenEveryRoundHasFeedbackAndNotBefore() {
        InterviewLoop partial = give("YES", "YES");
        InterviewLoop complete = give("YES", "YES", "NO");

        assertThat(partial.isOpen()).isTrue();
        assertThat(partial.pendingRounds()).containsExactly("HIRING_MANAGER");
        assertThat(complete.status()).isEqualTo(InterviewLoop.DECIDED);
        assertThat(complete.outcome()).isEqualTo("PASSED");
        assertThat(complete.recommendation()).isEqualTo("YES");
        assertThat(complete.decidedAt()).isEqualTo(2_002);
    }

    @Test
    void anyStrongNoRejectsAndMoreNoThanYesRejects() {
        assertThat(give("STRONG_YES", "STRONG_YES", "STRONG_NO").outcome()).isEqualTo("REJECTED");
        assertThat(give("STRONG_YES", "STRONG_YES", "STRONG_NO").recommendation()).isEqualTo("STRONG_NO");
        assertThat(give("YES", "NO", "NO").outcome()).isEqualTo("REJECTED");
        assertThat(give("YES", "NO", "NO").recommendation()).isEqualTo("NO");
        assertThat(give("STRONG_YES", "STRONG_YES", "YES").recommendation()).isEqualTo("STRONG_YES");
    }

    @Test
    void feedbackThatNoLongerAppliesChangesNothing() {
        InterviewLoop once = InterviewRules.record(LOOP, feedback("TECHNICAL", "YES", 2_000));
        InterviewLoop decided = give("YES", "YES", "YES");

        assertThat(InterviewRules.record(once, feedback("TECHNICAL", "NO", 3_000))).isSameAs(once);
        assertThat(InterviewRules.record(once, feedback("LUNCH", "YES", 3_000))).isSameAs(once);
        assertThat(InterviewRules.record(decided, feedback("TECHNICAL", "NO", 3_000))).isSameAs(decided);
        assertThat(InterviewRules.check(null, "TECHNICAL")).isEqualTo(InterviewRules.Check.NO_LOOP);
        assertThat(InterviewRules.check(decided, "TECHNICAL")).isEqualTo(InterviewRules.Check.LOOP_DECIDED);
        assertThat(InterviewRules.check(once, "TECHNICAL")).isEqualTo(InterviewRules.Check.ROUND_DONE);
        assertThat(InterviewRules.check(once, "LUNCH")).isEqualTo(InterviewRules.Check.UNKNOWN_ROUND);
    }
}
