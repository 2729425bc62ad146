package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.StageEvent;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The first step, per application and local to each task: keeps every application's standing
 * events, and when an event changes what an application counts for, takes its old contribution
 * out of its row and adds the new one. The rows it keeps are this partition's part of each row
 * (pre-aggregation: a viral role's events never queue through one task one by one). Every
 * emit interval it sends the parts that changed on, whole, to be combined.
 */
final class ApplicationFunnelProcessor implements Processor<String, StageEvent, String, PartialRow> {

    private final Duration emitInterval;
    private final Set<RowKey> changed = new HashSet<>();
    private ProcessorContext<String, PartialRow> context;
    private KeyValueStore<String, ApplicationState> applications;
    private KeyValueStore<RowKey, FunnelCounts> partials;
    private int partition;

    ApplicationFunnelProcessor(Duration emitInterval) {
        this.emitInterval = emitInterval;
    }

    @Override
    public void init(ProcessorContext<String, PartialRow> context) {
        this.context = context;
        this.applications = context.getStateStore(FunnelTopology.APPLICATIONS_STORE);
        this.partials = context.getStateStore(FunnelTopology.PARTIALS_STORE);
        this.partition = context.taskId().partition();
        // After a restart or a move, send every part once: what was sent before may not have committed.
        try (KeyValueIterator<RowKey, FunnelCounts> all = partials.all()) {
            all.forEachRemaining(entry -> changed.add(entry.key));
        }
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<String, StageEvent> record) {
        StageEvent event = record.value();
        if (event == null) {
            return;
        }
        ApplicationState before = applications.get(record.key());
        if (before == null) {
            before = ApplicationState.EMPTY;
        }
        ApplicationState after = before.with(event);
        if (after == before) {
            return;
        }
        if (!before.isEmpty()) {
            update(before.row(), before, -1);
        }
        update(after.row(), after, 1);
        applications.put(record.key(), after);
    }

    private void update(RowKey row, ApplicationState application, int sign) {
        FunnelCounts counts = partials.get(row);
        if (counts == null) {
            counts = new FunnelCounts();
        }
        counts.add(application, sign);
        partials.put(row, counts);
        changed.add(row);
    }

    private void emit(long now) {
        for (RowKey row : changed) {
            FunnelCounts counts = partials.get(row);
            if (counts != null) {
                context.forward(new Record<>(row.toKey(), new PartialRow(partition, counts.copy()), now));
            }
        }
        changed.clear();
    }
}
