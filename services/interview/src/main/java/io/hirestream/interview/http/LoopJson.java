package io.hirestream.interview.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hirestream.interview.domain.Feedback;
import io.hirestream.interview.domain.InterviewLoop;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** An interview loop on the wire. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LoopJson(String applicationId, String requisitionId, String role, String location, Instant openedAt,
                       List<String> rounds, List<String> pendingRounds, List<FeedbackJson> feedback, String status,
                       String outcome, String recommendation, Instant decidedAt) {

    public static LoopJson of(InterviewLoop loop) {
        return new LoopJson(loop.applicationId(), loop.requisitionId(), loop.role(), loop.location(),
                Instant.ofEpochMilli(loop.openedAt()), loop.rounds(), loop.pendingRounds(),
                loop.feedback().stream().map(FeedbackJson::of).toList(), loop.status(), loop.outcome(),
                loop.recommendation(), loop.decidedAt() == 0 ? null : Instant.ofEpochMilli(loop.decidedAt()));
    }

    /** One round's feedback. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FeedbackJson(String feedbackId, String round, String interviewer, String recommendation, String notes,
                               Instant submittedAt) {
        static FeedbackJson of(Feedback feedback) {
            return new FeedbackJson(feedback.feedbackId(), feedback.round(), feedback.interviewer(),
                    feedback.recommendation(), feedback.notes(), Instant.ofEpochMilli(feedback.submittedAt()));
        }
    }

    /**
     * What giving feedback answers once the loop has taken it in: the rounds still to come, and the
     * loop's status and outcome (DECIDED with PASSED or REJECTED where this was the last round).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RecordedJson(String feedbackId, String applicationId, String round, List<String> pendingRounds,
                               String status, String outcome) {
    }
}
