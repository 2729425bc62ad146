package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.AdverseImpact;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.Slice;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The second step, per row: keeps each partition's latest part of the row (logged, one entry per
 * part, so a commit writes only the parts that changed) and the whole row as the sum of its
 * parts (derived when the task starts): the part a new one replaces is taken out of the sum and
 * the new one added. Every emit interval (as the parts are sent: {@link CatchUp.Emits#due}) it publishes the whole rows that changed (to the metrics
 * topic, a slice's to the cohorts topic), and a tombstone for a row left with no application (its
 * applications moved to another row or slice), so that the compacted topics keep the rows the API
 * lists and no others; when the task starts, all of them, since what was published before may not
 * have committed.
 */
final class RowCombiner implements Processor<String, PartialRow, String, RowCombiner.Published> {

    private final Duration emitInterval;
    private final CatchUp catchUp;
    private final int minimumGroupSize;
    private final Set<String> changed = new HashSet<>();
    /** The keys of each (role, location)'s slices by declaration, and the (role, location)s whose changed. */
    private final Map<RowKey, Set<String>> declarations = new HashMap<>();
    private final Set<RowKey> fairnessChanged = new HashSet<>();
    private ProcessorContext<String, Published> context;
    private KeyValueStore<String, FunnelCounts> parts;
    private KeyValueStore<String, FunnelCounts> rows;
    private final CatchUp.Emits emits;

    RowCombiner(Duration emitInterval, CatchUp catchUp, int minimumGroupSize) {
        this.emitInterval = emitInterval;
        this.catchUp = catchUp;
        this.emits = catchUp.emits();
        this.minimumGroupSize = minimumGroupSize;
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
        // Both are this thread's alone (the record's part, and the one it replaces from this task's
        // store): merged as they are.
        if (replaced != null) {
            row.mergeUnchanging(replaced, -1);
        }
        row.mergeUnchanging(part.counts(), 1);
        parts.put(partKey, part.counts());
        rows.put(record.key(), row);
        changed.add(record.key());
        indexDeclaration(record.key(), row);
        catchUp.changed(context);
    }

    /** Notes a slice by declaration in its (role, location)'s index, or out of it once empty. */
    private void indexDeclaration(String key, FunnelCounts row) {
        if (!byDeclaration(key)) {
            return;
        }
        RowKey slice = RowKey.parse(key);
        RowKey of = new RowKey(slice.role(), slice.location());
        if (row.isEmpty()) {
            Set<String> keys = declarations.get(of);
            if (keys != null && keys.remove(key) && keys.isEmpty()) {
                declarations.remove(of);
            }
        } else {
            declarations.computeIfAbsent(of, k -> new HashSet<>()).add(key);
        }
        fairnessChanged.add(of);
    }

    private void publish(long now) {
        if (!emits.due()) {
            return;
        }
        Instant asOf = Instant.ofEpochMilli(now);
        for (String key : changed) {
            FunnelCounts row = rows.get(key);
            // Slices by declaration are published only as the groups' sums, below: a group of a few may be a person.
            if (row != null && !byDeclaration(key)) {
                context.forward(new Record<>(key, new Published(RowKey.parse(key), row, asOf, null, null), now));
            }
        }
        for (RowKey of : fairnessChanged) {
            Map<String, FunnelCounts> byDeclaration = new HashMap<>();
            for (String key : declarations.getOrDefault(of, Set.of())) {
                byDeclaration.put(RowKey.parse(key).slice().group(), rows.get(key));
            }
            for (AdverseImpact.Dimension dimension : AdverseImpact.Dimension.values()) {
                context.forward(new Record<>(of.toKey(dimension.name()), new Published(of, null, asOf, dimension,
                        AdverseImpact.byGroup(byDeclaration, dimension)), now));
            }
        }
        if (!changed.isEmpty()) {
            catchUp.changed(context);
        }
        changed.clear();
        fairnessChanged.clear();
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
                    .mergeUnchanging(entry.value, 1));
        }
        derived.forEach(rows::put);
        changed.addAll(derived.keySet());
        derived.forEach(this::indexDeclaration);
    }

    /**
     * What is published: a whole row (or slice) with the time it was computed; or, for a (role,
     * location), the counts of each group of one grouping by declaration (the adverse-impact
     * check's), {@code counts} then null.
     */
    record Published(RowKey row, FunnelCounts counts, Instant asOf, AdverseImpact.Dimension grouping,
                     Map<String, FunnelCounts> groups) {

        /** True where the row, or the grouping, has no application left: it is published as a tombstone. */
        boolean gone() {
            return grouping == null ? counts.isEmpty() : groups.values().stream().allMatch(FunnelCounts::isEmpty);
        }
    }

    /** Keys of slices by declaration hold this (few others can), and are parsed to be sure. */
    private static final String DECLARATION = "\"" + Slice.Dimension.DECLARATION.name() + "\"";

    /**
     * Where a part of a row is combined: as any keyed record, by the murmur2 of its key, except that
     * every slice by declaration of a (role, location) goes where that (role, location)'s key would,
     * so that one task holds them all and publishes their sums per group whole.
     */
    static Optional<Set<Integer>> partitionOf(String topic, String key, PartialRow part, int partitions) {
        String by = key;
        if (byDeclaration(key)) {
            RowKey slice = RowKey.parse(key);
            by = new RowKey(slice.role(), slice.location()).toKey();
        }
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(by.getBytes(StandardCharsets.UTF_8))) % partitions));
    }

    private static boolean byDeclaration(String key) {
        if (!key.contains(DECLARATION)) {
            return false;
        }
        Slice slice = RowKey.parse(key).slice();
        return slice != null && slice.dimension() == Slice.Dimension.DECLARATION;
    }
}
