package io.hirestream.screening.topology;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Outcome;
import io.hirestream.events.Requisition;
import io.hirestream.events.RequisitionStatus;
import io.hirestream.events.ScreeningReason;
import io.hirestream.screening.domain.ScreeningRules;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** Screens applied events, once per application; see {@link ScreeningTopology}. */
final class ScreeningProcessor implements Processor<String, ApplicationSubmitted, String, ApplicationScreened> {

    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final Duration requisitionWait;
    private ProcessorContext<String, ApplicationScreened> context;
    private TimestampedKeyValueStore<String, Requisition> requisitions;
    private KeyValueStore<String, String> decided;
    private KeyValueStore<String, ApplicationSubmitted> waiting;

    ScreeningProcessor(Duration requisitionWait) {
        this.requisitionWait = requisitionWait;
    }

    @Override
    public void init(ProcessorContext<String, ApplicationScreened> context) {
        this.context = context;
        this.requisitions = context.getStateStore(ScreeningTopology.REQUISITIONS_STORE);
        this.decided = context.getStateStore(ScreeningTopology.DECIDED_STORE);
        this.waiting = context.getStateStore(ScreeningTopology.WAITING_STORE);
        context.schedule(RETRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::retryWaiting);
    }

    @Override
    public void process(Record<String, ApplicationSubmitted> record) {
        ApplicationSubmitted applied = record.value();
        if (applied == null || decided.get(record.key()) != null) {
            return;
        }
        Requisition requisition = requisition(applied.getRequisitionId());
        if (requisition == null) {
            waiting.putIfAbsent(record.key(), applied);
            return;
        }
        decide(record.key(), applied, requisition);
    }

    /** Screens the events whose requisition has arrived since; gives up on those that waited too long. */
    private void retryWaiting(long now) {
        List<KeyValue<String, ApplicationSubmitted>> entries = new ArrayList<>();
        try (KeyValueIterator<String, ApplicationSubmitted> all = waiting.all()) {
            all.forEachRemaining(entries::add);
        }
        for (KeyValue<String, ApplicationSubmitted> entry : entries) {
            Requisition requisition = requisition(entry.value.getRequisitionId());
            boolean expired = entry.value.getOccurredAt().plus(requisitionWait).isBefore(Instant.ofEpochMilli(now));
            if (requisition != null || expired) {
                waiting.delete(entry.key);
                if (decided.get(entry.key) == null) {
                    decide(entry.key, entry.value, requisition);
                }
            }
        }
    }

    private void decide(String applicationId, ApplicationSubmitted applied, Requisition requisition) {
        ScreeningRules.Decision decision = ScreeningRules.screen(requirements(requisition),
                new ScreeningRules.Applicant(applied.getYearsOfExperience(), applied.getHighestDegree().name(),
                        applied.getCountryOfResidence()));
        long now = context.currentSystemTimeMs();
        ApplicationScreened screened = ApplicationScreened.newBuilder()
                // Derived from the applied event's id: were it ever screened twice, the funnel would count it once.
                .setEventId(UUID.nameUUIDFromBytes(("screened:" + applied.getEventId()).getBytes(StandardCharsets.UTF_8)).toString())
                .setApplicationId(applicationId)
                .setRequisitionId(applied.getRequisitionId())
                .setRole(applied.getRole())
                .setLocation(applied.getLocation())
                .setOccurredAt(Instant.ofEpochMilli(Math.max(now, applied.getOccurredAt().toEpochMilli())))
                .setOutcome(decision.passed() ? Outcome.PASSED : Outcome.REJECTED)
                .setReasons(decision.reasons().stream().map(reason -> ScreeningReason.valueOf(reason.name())).toList())
                .setRulesVersion(ScreeningRules.VERSION)
                // Whose data key seals what the interview keeps about the person.
                .setCandidateId(applied.getCandidateId())
                .build();
        decided.put(applicationId, screened.getEventId());
        context.forward(new Record<>(applicationId, screened, now));
    }

    private Requisition requisition(String requisitionId) {
        ValueAndTimestamp<Requisition> value = requisitions.get(requisitionId);
        return value == null ? null : value.value();
    }

    private static ScreeningRules.Requirements requirements(Requisition requisition) {
        if (requisition == null) {
            return null;
        }
        return new ScreeningRules.Requirements(requisition.getStatus() == RequisitionStatus.OPEN,
                requisition.getRequirements().getMinYearsOfExperience(),
                requisition.getRequirements().getMinDegree().name(),
                new HashSet<>(requisition.getRequirements().getEligibleCountries()));
    }
}
