package io.hirestream.funnel.domain;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts by (role, location) and by slice of one, summed from applications or from parts of rows: how a task derives
 * its parts when it starts. Queries read the {@link FunnelView}, which keeps such sums as they change.
 */
public final class Funnel {

    private final Map<RowKey, FunnelCounts> rows = new TreeMap<>();
    private final Set<Slice.Dimension> slicedBy;

    /** @param slicedBy the dimensions each row is also kept sliced by */
    public Funnel(Set<Slice.Dimension> slicedBy) {
        this.slicedBy = slicedBy;
    }

    /** Adds counts into a row (several partitions' parts of a row add up to the row). */
    public Funnel add(RowKey row, FunnelCounts counts) {
        rows.computeIfAbsent(row, key -> new FunnelCounts()).merge(counts, 1);
        return this;
    }

    /** Adds one application to every row it counts in (its funnel row and that row's slices); none without an event. */
    public Funnel add(ApplicationState application) {
        if (application.isEmpty()) {
            return this;
        }
        for (RowKey row : application.rows(slicedBy)) {
            rows.computeIfAbsent(row, key -> new FunnelCounts()).add(application, 1, row.timed());
        }
        return this;
    }

    public Map<RowKey, FunnelCounts> rows() {
        return rows;
    }
}
