package io.hirestream.interview;

import io.hirestream.testkit.HostileBodies;
import io.hirestream.testkit.Refusals;
import io.hirestream.topics.Topics;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.hirestream.testkit.HostileBodies.text;

/**
 * The interview service's feedback route, fed hostile bodies derived from a valid one: each is
 * refused as invalid (400, not the 404 valid feedback on an unknown loop gets) within 100 ms,
 * nothing reaches the interview service's topics, and the CPU is idle afterwards.
 */
class InterviewHostileBodiesIT {

    private static Refusals interview;

    @BeforeContainer
    static void start() {
        interview = Refusals.start("interview", true, Topics.INTERVIEW_FEEDBACK);
    }

    @AfterContainer
    static void stop() {
        interview.close();
    }

    @BeforeProperty
    void markOffsets() {
        interview.markOffsets();
    }

    @AfterProperty
    void nothingWrittenAndIdle() {
        interview.assertNothingWrittenAndIdle();
    }

    @Property(tries = 400)
    void hostileFeedbackIsRefusedAtOnce(@ForAll("feedback") String body) {
        interview.refusedQuickly("/api/interviews/no-such-application/feedback", body);
    }

    @Provide
    Arbitrary<String> feedback() {
        Map<String, Object> feedback = new LinkedHashMap<>();
        feedback.put("round", text("TECHNICAL"));
        feedback.put("recommendation", text("YES"));
        feedback.put("notes", text("Strong on systems.\nWould hire."));
        return HostileBodies.breaking(feedback);
    }
}
