package io.hirestream.interview.http;

import io.hirestream.access.Roles;
import io.hirestream.events.InterviewFeedback;
import io.hirestream.events.Recommendation;
import io.hirestream.interview.domain.InterviewLoop;
import io.hirestream.interview.domain.InterviewRules;
import io.hirestream.interview.topology.InterviewTopology;
import io.hirestream.service.http.PageJson;
import io.hirestream.service.http.Paging;
import io.hirestream.service.http.ProblemException;
import io.hirestream.service.kafka.RecordPublisher;
import io.hirestream.service.streams.StateQueries;
import io.hirestream.topics.Topics;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Interview loops and interviewers' feedback. Feedback is checked against the loop as it stands
 * (404 when no loop is open, 409 when the loop is decided or the round already has feedback,
 * 422 for a round the loop does not have), written, and answered once the loop has taken it in:
 * 200 with the rounds still to come and the loop's status, or 409 where other feedback for the
 * round came first (of two racing, exactly one counts). Loops (notes included) are read by
 * interviewers, hiring managers and recruiters; feedback is given by an interviewer, as the
 * signed-in person.
 */
@Controller("/api/interviews")
@Secured({Roles.INTERVIEWER, Roles.HIRING_MANAGER, Roles.RECRUITER})
@ExecuteOn(TaskExecutors.BLOCKING)
public class InterviewsController {

    private final StateQueries state;
    private final RecordPublisher publisher;
    private final Duration feedbackTimeout;
    private final CandidateNotes notes;
    private final Clock clock = Clock.systemUTC();

    public InterviewsController(StateQueries state, RecordPublisher publisher, CandidateNotes notes,
                                @Value("${hirestream.interview.feedback-timeout:10s}") Duration feedbackTimeout) {
        this.state = state;
        this.publisher = publisher;
        this.feedbackTimeout = feedbackTimeout;
        this.notes = notes;
    }

    /**
     * A page of the loops in application-id order, {@code limit} (default 50, at most 500) at a time;
     * {@code nextCursor} fetches the next page, and is null after the last. Filters: {@code status},
     * {@code requisitionId}.
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public PageJson<LoopJson> list(@Nullable @QueryValue String status, @Nullable @QueryValue String requisitionId,
                              @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Map<String, String> filters = Paging.filters("status", status, "requisitionId", requisitionId);
        StateQueries.Page<InterviewLoop> page = state.page(InterviewTopology.LOOPS_STORE, filters, cursor, Paging.limit(limit));
        return new PageJson<>(page.items().stream().map(loop -> LoopJson.of(loop, notes)).toList(), page.nextCursor());
    }

    @Get(value = "/{applicationId}", produces = MediaType.APPLICATION_JSON)
    public LoopJson read(@PathVariable String applicationId) {
        return state.<InterviewLoop>get(InterviewTopology.LOOPS_STORE, applicationId).map(loop -> LoopJson.of(loop, notes))
                .orElseThrow(() -> noLoop(applicationId));
    }

    /** Feedback on one round, given by the signed-in interviewer: the feedback names them, not the body. */
    @Post(value = "/{applicationId}/feedback", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.INTERVIEWER)
    public HttpResponse<LoopJson.RecordedJson> feedback(@PathVariable String applicationId, @Valid @Body FeedbackBody body,
                                                        Authentication signedIn) {
        String round = body.round().strip().toUpperCase(Locale.ROOT).replace(' ', '_');
        String interviewer = signedIn.getName();
        String recommendation = body.recommendation().strip().toUpperCase(Locale.ROOT);
        if (!InterviewRules.RECOMMENDATIONS.contains(recommendation)) {
            throw ProblemException.badRequest("recommendation", "recommendation must be one of "
                    + InterviewRules.RECOMMENDATIONS + ", was '" + body.recommendation() + "'");
        }
        String text = body.notes();
        InterviewLoop loop = state.<InterviewLoop>get(InterviewTopology.LOOPS_STORE, applicationId).orElse(null);
        switch (InterviewRules.check(loop, round)) {
            case NO_LOOP -> throw noLoop(applicationId);
            case LOOP_DECIDED -> throw ProblemException.conflict("loop-decided", "The interview loop is decided",
                    "Application " + applicationId + " was decided " + loop.outcome() + "; it takes no more feedback.");
            case ROUND_DONE -> throw ProblemException.conflict("round-done", "The round already has feedback",
                    "Round " + round + " of application " + applicationId + " already has feedback; still open: "
                            + loop.pendingRounds() + ".");
            case UNKNOWN_ROUND -> throw ProblemException.unprocessable("unknown-round", "The loop has no such round",
                    "Application " + applicationId + "'s loop has the rounds " + loop.rounds() + ", not " + round + ".", "round");
            case OK -> { }
        }
        String feedbackId = UUID.randomUUID().toString();
        // Notes may name the candidate: they leave this service sealed under the candidate's key, never in clear.
        byte[] sealed = text == null || text.isEmpty() ? null : notes.seal(loop, text);
        publisher.publish(Topics.INTERVIEW_FEEDBACK.name(), applicationId, new InterviewFeedback(feedbackId, applicationId,
                round, interviewer, Recommendation.valueOf(recommendation), null, clock.instant(),
                sealed == null ? null : java.nio.ByteBuffer.wrap(sealed)), "the feedback");
        // Read your feedback: the loop's task takes feedback in the order of the topic, so once the round
        // has feedback (or the loop is decided) the first given won, and this request knows whether it was.
        InterviewLoop settled = state.<InterviewLoop>awaitSettled(InterviewTopology.LOOPS_STORE, applicationId,
                taken -> !taken.isOpen() || taken.feedback().stream().anyMatch(f -> f.round().equals(round)), feedbackTimeout,
                "Feedback " + feedbackId + " is written but the loop has not taken it in within " + feedbackTimeout.toSeconds()
                        + " s; GET /api/interviews/" + applicationId + " shows it once it has.");
        var first = settled.feedback().stream().filter(f -> f.round().equals(round)).findFirst();
        if (first.isEmpty() || !first.get().feedbackId().equals(feedbackId)) {
            throw ProblemException.conflict("round-done", "Other feedback came first",
                    first.map(f -> "Round " + round + " of application " + applicationId + " was given by " + f.interviewer()
                                    + " first; this feedback changed nothing.")
                            .orElse("Application " + applicationId + "'s loop was decided " + settled.outcome()
                                    + " first; this feedback changed nothing."));
        }
        return HttpResponse.ok(new LoopJson.RecordedJson(feedbackId, applicationId, round, settled.pendingRounds(),
                settled.status(), settled.outcome()));
    }

    private static ProblemException noLoop(String applicationId) {
        return ProblemException.notFound("interview", "No interview loop is open for application " + applicationId
                + ": it has not passed screening, or the id is wrong.");
    }
}
