package io.hirestream.funnel.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts by (role, location), summed from applications or from parts of rows: how a task derives
 * its parts when it starts. Queries read the {@link FunnelView}, which keeps such sums as they change.
 */
public final class Funnel {

    private final Map<RowKey, FunnelCounts> rows = new TreeMap<>();

    /** Adds counts into a row (several partitions' parts of a row add up to the row). */
    public Funnel add(RowKey row, FunnelCounts counts) {
        rows.computeIfAbsent(row, key -> new FunnelCounts()).merge(counts, 1);
        return this;
    }

    /** Adds one application to the row it counts in. */
    public Funnel add(ApplicationState application) {
        rows.computeIfAbsent(application.row(), key -> new FunnelCounts()).add(application, 1);
        return this;
    }

    public Map<RowKey, FunnelCounts> rows() {
        return rows;
    }
}
