package io.hirestream.interview.topology;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.InterviewFeedback;
import io.hirestream.interview.domain.InterviewLoop;
import io.hirestream.service.streams.JsonSerde;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Map;

/**
 * The interview topology: a screened PASSED event opens the application's loop (the
 * requisition's rounds, or the default loop); interviewers' feedback, which the HTTP API writes
 * to the feedback topic, is recorded into the loop; the feedback that completes a loop decides
 * it and emits the interviewed event. Screened and feedback topics share key and partition count,
 * so one task holds each loop. Loops live in a logged state store: they survive restarts.
 */
public final class InterviewTopology {

    public static final String LOOPS_STORE = "interview-loops";
    public static final String REQUISITIONS_STORE = "interview-requisitions";

    private InterviewTopology() {
    }

    public static KStream<String, InterviewFeedback> build(StreamsBuilder builder, List<String> defaultRounds,
                                                           Map<String, ?> clientConfigs) {
        builder.globalTable(Topics.REQUISITIONS.name(),
                Consumed.with(Serdes.String(), Topics.REQUISITIONS.valueSerde(clientConfigs)).withName("requisitions"),
                Materialized.as(REQUISITIONS_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOOPS_STORE),
                Serdes.String(), JsonSerde.of(InterviewLoop.class)));

        builder.stream(Topics.SCREENED.name(),
                        Consumed.<String, ApplicationScreened>with(Serdes.String(), Topics.SCREENED.valueSerde(clientConfigs))
                                .withName("screened"))
                .process(() -> new LoopOpener(defaultRounds), Named.as("open-loops"), LOOPS_STORE);
        KStream<String, InterviewFeedback> feedback = builder.stream(Topics.INTERVIEW_FEEDBACK.name(),
                Consumed.with(Serdes.String(), Topics.INTERVIEW_FEEDBACK.valueSerde(clientConfigs)).withName("feedback"));
        feedback.process(FeedbackRecorder::new, Named.as("record-feedback"), LOOPS_STORE)
                .to(Topics.INTERVIEWED.name(), Produced.<String, InterviewCompleted>with(Serdes.String(),
                        Topics.INTERVIEWED.valueSerde(clientConfigs)).withName("interviewed"));
        return feedback;
    }
}
