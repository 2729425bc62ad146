package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.RowKey;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second step, per row: keeps each partition's latest part of the row (logged, one entry per
 * part, so a commit writes only the parts that changed) and the whole row as the sum of its
 * parts (derived when the task starts): the part a new one replaces is taken out of the sum and
 * the new one added. Every emit interval it publishes the whole rows that changed (to the metrics
 * topic, a slice's to the cohorts topic), and a tombstone for a row left with no application (its
 * applications moved to another row or slice), so that the compacted topics keep the rows the API
 * lists and no others; when the task starts, all of them, since what was published before may not
 * have committed.
 */
final class RowCombiner implements Processor<String, PartialRow, String, RowCombiner.Published> {

    private final Duration emitInterval;
    private final CatchUp catchUp;
    private final Set<String> changed = new HashSet<>();
    private ProcessorContext<String, Published> context;
    private KeyValueStore<String, FunnelCounts> parts;
    private KeyValueStore<String, FunnelCounts> rows;

    RowCombiner(Duration emitInterval, CatchUp catchUp) {
        this.emitInterval = emitInterval;
        this.catchUp = catchUp;
    }

    @Override
    public void init(ProcessorContext<String, Published> context) {
        this.context = context;
        this.parts = context.getStateStore(FunnelTopology.ROW_PARTS_STORE);
        this.rows = context.getStateStore(FunnelTopology.ROWS_STORE);
        deriveRowsFromParts();
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<String, PartialRow> record) {
        PartialRow part = record.value();
        String partKey = PublishedParts.key(record.key(), part.partition());
        FunnelCounts replaced = parts.get(partKey);
        FunnelCounts row = rows.get(record.key());
        if (row == null) {
            row = new FunnelCounts();
        }
        if (replaced != null) {
            row.merge(replaced, -1);
        }
        row.merge(part.counts(), 1);
        parts.put(partKey, part.counts());
        rows.put(record.key(), row);
        changed.add(record.key());
        catchUp.changed(context);
    }

    private void publish(long now) {
        Instant asOf = Instant.ofEpochMilli(now);
        for (String key : changed) {
            FunnelCounts row = rows.get(key);
            if (row != null) {
                context.forward(new Record<>(key, new Published(RowKey.parse(key), row, asOf), now));
            }
        }
        if (!changed.isEmpty()) {
            catchUp.changed(context);
        }
        changed.clear();
    }

    private void deriveRowsFromParts() {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, FunnelCounts> all = rows.all()) {
            all.forEachRemaining(entry -> stale.add(entry.key));
        }
        stale.forEach(rows::delete);
        Map<String, FunnelCounts> derived = new HashMap<>();
        try (KeyValueIterator<String, FunnelCounts> all = parts.all()) {
            all.forEachRemaining(entry -> derived
                    .computeIfAbsent(PublishedParts.rowOf(entry.key), row -> new FunnelCounts())
                    .merge(entry.value, 1));
        }
        derived.forEach(rows::put);
        changed.addAll(derived.keySet());
    }

    /** A whole row as it is published, with the time it was computed. */
    record Published(RowKey row, FunnelCounts counts, Instant asOf) {

        /** True where the row has no application left: it is published as a tombstone. */
        boolean gone() {
            return counts.isEmpty();
        }
    }
}
