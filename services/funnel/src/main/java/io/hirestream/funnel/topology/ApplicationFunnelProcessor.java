package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.Funnel;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.ApplicationEvent;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.Map;

/**
 * The first step, per application and local to each task: keeps every application's standing
 * events, and when an event changes what an application counts for, takes its old contribution
 * out of its row and adds the new one. The rows it keeps are this partition's part of each row
 * (pre-aggregation: a viral role's events never queue through one task one by one). Every
 * emit interval (while far behind, every few: {@link CatchUp.Emits#due}) it sends the parts that
 * changed on, whole, to be combined.
 *
 * <p>The parts are a function of the applications, so they are not logged: when the task starts
 * (after its applications store is restored) it derives them by reading every application once.
 * That keeps rows, sketches and all, out of the changelog, which would otherwise carry every
 * changed row at every commit. They live in the instance's {@link FunnelView}, which queries read:
 * an event's effect is visible there as soon as the task has processed it.
 */
final class ApplicationFunnelProcessor implements Processor<String, ApplicationEvent, String, PartialRow> {

    private final Duration emitInterval;
    private final FunnelView view;
    private final CatchUp catchUp;
    private ProcessorContext<String, PartialRow> context;
    private KeyValueStore<String, ApplicationState> applications;
    private KeyValueStore<String, byte[]> sent;
    private int partition;
    private final CatchUp.Emits emits;

    ApplicationFunnelProcessor(Duration emitInterval, FunnelView view, CatchUp catchUp) {
        this.emitInterval = emitInterval;
        this.view = view;
        this.catchUp = catchUp;
        this.emits = catchUp.emits();
    }

    @Override
    public void init(ProcessorContext<String, PartialRow> context) {
        this.context = context;
        this.applications = context.getStateStore(FunnelTopology.APPLICATIONS_STORE);
        this.sent = context.getStateStore(FunnelTopology.SENT_ROWS_STORE);
        this.partition = context.taskId().partition();
        derivePartsFromApplications();
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<String, ApplicationEvent> record) {
        catchUp.changed(context);
        ApplicationEvent event = record.value();
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
        // A declaration may come before any event of its application: kept, counted once an event comes.
        // Far behind, the view's tables take the change when the task next sends its parts: see FunnelView.
        view.change(partition, before, after, catchUp.behind());
        applications.put(record.key(), after);
    }

    /** The task stops here (revoked, or the instance stops): the view counts the partition's published parts again. */
    @Override
    public void close() {
        view.detach(partition);
    }

    /**
     * Rebuilds this partition's parts of the rows from its applications, and marks every part to
     * be sent: what was sent before this task started may not have committed. A row this
     * partition had a part of but no application of any more (its last one moved to another row
     * before the move was sent) gets an empty part, so that no stale part outlives a restart.
     */
    private void derivePartsFromApplications() {
        Funnel funnel = new Funnel(view.slicedBy());
        try (KeyValueIterator<String, ApplicationState> all = applications.all()) {
            all.forEachRemaining(entry -> funnel.add(entry.value));
        }
        Map<RowKey, FunnelCounts> derived = funnel.rows();
        try (KeyValueIterator<String, byte[]> all = sent.all()) {
            all.forEachRemaining(entry -> derived.putIfAbsent(RowKey.parse(entry.key), new FunnelCounts()));
        }
        view.attach(partition, derived);
    }

    /**
     * Sends the changed parts on, and records which rows this partition has a part of (logged:
     * it survives a crash, and commits with the parts sent): an emptied part is sent once more,
     * then forgotten.
     */
    private void emit(long now) {
        if (!emits.due()) {
            return;
        }
        view.foldDeferred();
        Map<RowKey, FunnelCounts> changed = view.takeChanged(partition);
        changed.forEach((row, counts) -> {
            String key = row.toKey();
            context.forward(new Record<>(key, new PartialRow(partition, counts), now));
            if (counts.isEmpty()) {
                view.forgetIfEmpty(partition, row);
                sent.delete(key);
            } else if (sent.get(key) == null) {
                sent.put(key, SENT);
            }
        });
        if (!changed.isEmpty()) {
            catchUp.changed(context);
        }
    }

    private static final byte[] SENT = new byte[0];
}
