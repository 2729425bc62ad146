package io.hirestream.interview.topology;

import io.hirestream.serde.Buffers;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.InterviewFeedback;
import io.hirestream.events.InterviewRound;
import io.hirestream.events.Outcome;
import io.hirestream.events.Recommendation;
import io.hirestream.interview.domain.Feedback;
import io.hirestream.interview.domain.InterviewLoop;
import io.hirestream.interview.domain.InterviewRules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Records feedback into its loop; feedback that no longer applies (a round already given, a
 * loop already decided) is ignored, so a retried request counts once. The feedback that
 * completes a loop emits the interviewed event.
 */
final class FeedbackRecorder implements Processor<String, InterviewFeedback, String, InterviewCompleted> {

    private ProcessorContext<String, InterviewCompleted> context;
    private KeyValueStore<String, InterviewLoop> loops;

    @Override
    public void init(ProcessorContext<String, InterviewCompleted> context) {
        this.context = context;
        this.loops = context.getStateStore(InterviewTopology.LOOPS_STORE);
    }

    @Override
    public void process(Record<String, InterviewFeedback> record) {
        InterviewFeedback given = record.value();
        if (given == null) {
            return;
        }
        InterviewLoop loop = loops.get(record.key());
        if (loop == null) {
            // The HTTP API only writes feedback for an open loop, so this is a record from elsewhere.
            throw new IllegalStateException("no interview loop for application " + record.key());
        }
        InterviewLoop next = InterviewRules.record(loop, new Feedback(given.getFeedbackId(), given.getRound(),
                given.getInterviewer(), given.getRecommendation().name(), given.getNotes(),
                given.getSubmittedAt().toEpochMilli(), Buffers.copy(given.getSealedNotes())));
        if (next == loop) {
            return;
        }
        loops.put(record.key(), next);
        if (!next.isOpen()) {
            context.forward(new Record<>(record.key(), completed(next), next.decidedAt()));
        }
    }

    static InterviewCompleted completed(InterviewLoop loop) {
        return InterviewCompleted.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("interviewed:" + loop.applicationId()).getBytes(StandardCharsets.UTF_8)).toString())
                .setApplicationId(loop.applicationId())
                .setRequisitionId(loop.requisitionId())
                .setRole(loop.role())
                .setLocation(loop.location())
                .setOccurredAt(Instant.ofEpochMilli(loop.decidedAt()))
                .setOutcome(Outcome.valueOf(loop.outcome()))
                .setRecommendation(Recommendation.valueOf(loop.recommendation()))
                .setRounds(loop.rounds().stream().map(round -> loop.feedback().stream()
                        .filter(f -> f.round().equals(round)).findFirst()
                        .map(f -> new InterviewRound(round, f.interviewer(), Recommendation.valueOf(f.recommendation()),
                                Instant.ofEpochMilli(f.submittedAt())))
                        .orElseThrow()).toList())
                .build();
    }
}
