package io.hirestream.interview.topology;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.Outcome;
import io.hirestream.events.Requisition;
import io.hirestream.interview.domain.InterviewLoop;
import io.hirestream.interview.domain.InterviewRules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.util.List;

/** Opens a loop for each application that passed screening, once. */
final class LoopOpener implements Processor<String, ApplicationScreened, Void, Void> {

    private final List<String> defaultRounds;
    private KeyValueStore<String, InterviewLoop> loops;
    private TimestampedKeyValueStore<String, Requisition> requisitions;

    LoopOpener(List<String> defaultRounds) {
        this.defaultRounds = List.copyOf(defaultRounds);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.loops = context.getStateStore(InterviewTopology.LOOPS_STORE);
        this.requisitions = context.getStateStore(InterviewTopology.REQUISITIONS_STORE);
    }

    @Override
    public void process(Record<String, ApplicationScreened> record) {
        ApplicationScreened screened = record.value();
        if (screened == null || screened.getOutcome() != Outcome.PASSED || loops.get(record.key()) != null) {
            return;
        }
        ValueAndTimestamp<Requisition> requisition = requisitions.get(screened.getRequisitionId());
        List<String> rounds = requisition == null || requisition.value().getInterviewRounds().isEmpty()
                ? defaultRounds : List.copyOf(requisition.value().getInterviewRounds());
        loops.put(record.key(), InterviewRules.open(record.key(), screened.getRequisitionId(), screened.getRole(),
                screened.getLocation(), rounds, screened.getOccurredAt().toEpochMilli(), screened.getCandidateId()));
    }
}
