package io.hirestream.funnel.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A whole funnel: the counts of every (role, location), and the rollups derived from them by
 * summing counts (so rates are recomputed, never averaged).
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

    /** The rows that match the filters (null matches anything), without empty rows. */
    public Funnel filter(String role, String location) {
        Funnel filtered = new Funnel();
        rows.forEach((key, counts) -> {
            if ((role == null || role.equals(key.role())) && (location == null || location.equals(key.location()))
                    && !counts.isEmpty()) {
                filtered.rows.put(key, counts);
            }
        });
        return filtered;
    }

    /** One row per (role, location), ordered by role then location. */
    public List<FunnelRow> view() {
        List<FunnelRow> view = new ArrayList<>();
        rows.forEach((key, counts) -> {
            if (!counts.isEmpty()) {
                view.add(FunnelRow.of(key.role(), key.location(), counts));
            }
        });
        return view;
    }

    /** One row per role, over all its locations. */
    public List<FunnelRow> byRole() {
        return rollup(RowKey::role, FunnelRow::ofRole);
    }

    /** One row per location, over all its roles. */
    public List<FunnelRow> byLocation() {
        return rollup(RowKey::location, FunnelRow::ofLocation);
    }

    /** The grand total over every row. */
    public FunnelRow total() {
        FunnelCounts total = new FunnelCounts();
        rows.values().forEach(counts -> total.merge(counts, 1));
        return FunnelRow.of(null, null, total);
    }

    private List<FunnelRow> rollup(Function<RowKey, String> by, BiFunction<String, FunnelCounts, FunnelRow> row) {
        Map<String, FunnelCounts> groups = new TreeMap<>();
        rows.forEach((key, counts) -> groups.computeIfAbsent(by.apply(key), k -> new FunnelCounts()).merge(counts, 1));
        List<FunnelRow> view = new ArrayList<>();
        groups.forEach((name, counts) -> {
            if (!counts.isEmpty()) {
                view.add(row.apply(name, counts));
            }
        });
        return view;
    }
}
