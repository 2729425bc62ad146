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

    /** The loop as a reader sees it: notes opened with the candidate's key, where it is still there. */
    public static LoopJson of(InterviewLoop loop, CandidateNotes notes) {
        return new LoopJson(loop.applicationId(), loop.requisitionId(), loop.role(), loop.location(),
                Instant.ofEpochMilli(loop.openedAt()), loop.rounds(), loop.pendingRounds(),
                loop.feedback().stream().map(f -> FeedbackJson.of(f, notes.open(loop, f))).toList(), loop.status(), loop.outcome(),
                loop.recommendation(), loop.decidedAt() == 0 ? null : Instant.ofEpochMilli(loop.decidedAt()));
    }

    /** One round's feedback; {@code notesErased} where the candidate was erased and the notes no longer open. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FeedbackJson(String feedbackId, String round, String interviewer, String recommendation, String notes,
                               boolean notesErased, Instant submittedAt) {
        static FeedbackJson of(Feedback feedback, CandidateNotes.Shown notes) {
            return new FeedbackJson(feedback.feedbackId(), feedback.round(), feedback.interviewer(),
                    feedback.recommendation(), notes.text(), notes.erased(), Instant.ofEpochMilli(feedback.submittedAt()));
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
