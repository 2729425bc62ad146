package io.hirestream.funnel.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The whole funnel as one instance serves it, kept up to date as its parts change, so that a query
 * costs the same whatever the number of rows: each row, each role's and each location's rollup and
 * the grand total are sums kept as they change, and the rows are kept in {@link RowOrder} (overall,
 * per role and per location), so a page is read off an ordered set.
 *
 * <p>A partition's part of the rows comes from one source only: the live parts of its task, where
 * that task runs on this instance ({@link #attach}, {@link #add}, {@link #detach}); else its
 * replicated parts, as the partition last published them ({@link #replicate}). Each partition
 * therefore counts exactly once, whichever instance processes it.
 *
 * <p>Stream threads and query threads share it: every method holds its lock.
 */
public final class FunnelView {

    private final Map<Integer, Map<RowKey, FunnelCounts>> live = new HashMap<>();
    private final Map<Integer, Map<RowKey, FunnelCounts>> replicated = new HashMap<>();
    private final Sums<RowKey> rows = new Sums<>(row -> row);
    private final Sums<String> roles = new Sums<>(role -> new RowKey(role, ""));
    private final Sums<String> locations = new Sums<>(location -> new RowKey("", location));
    private final Map<String, NavigableSet<RowOrder>> rowsOfRole = new HashMap<>();
    private final Map<String, NavigableSet<RowOrder>> rowsOfLocation = new HashMap<>();
    private final FunnelCounts total = new FunnelCounts();

    /**
     * The partition's task runs here, with these parts (derived from its applications): they replace
     * whatever stood for the partition until now, live or replicated.
     */
    public synchronized void attach(int partition, Map<RowKey, FunnelCounts> parts) {
        Map<RowKey, FunnelCounts> before = live.remove(partition);
        apply(before != null ? before : replicated.getOrDefault(partition, Map.of()), -1);
        Map<RowKey, FunnelCounts> own = new HashMap<>();
        parts.forEach((row, counts) -> own.put(row, counts.copy()));
        live.put(partition, own);
        apply(own, 1);
    }

    /** The partition's task stopped here: its replicated parts stand for it again. */
    public synchronized void detach(int partition) {
        Map<RowKey, FunnelCounts> before = live.remove(partition);
        if (before != null) {
            apply(before, -1);
            apply(replicated.getOrDefault(partition, Map.of()), 1);
        }
    }

    /** Adds an application to its row in the partition's live part (sign +1), or takes it away (sign -1). */
    public synchronized void add(int partition, ApplicationState application, int sign) {
        RowKey row = application.row();
        Map<RowKey, FunnelCounts> parts = live.computeIfAbsent(partition, p -> new HashMap<>());
        parts.computeIfAbsent(row, key -> new FunnelCounts()).add(application, sign);
        change(row, counts -> counts.add(application, sign));
    }

    /** A copy of the partition's live part of a row, empty where it has none. */
    public synchronized FunnelCounts part(int partition, RowKey row) {
        FunnelCounts counts = live.getOrDefault(partition, Map.of()).get(row);
        return counts == null ? new FunnelCounts() : counts.copy();
    }

    /** The rows the partition's live part has counts of, empty ones included. */
    public synchronized Map<RowKey, FunnelCounts> parts(int partition) {
        Map<RowKey, FunnelCounts> copy = new HashMap<>();
        live.getOrDefault(partition, Map.of()).forEach((row, counts) -> copy.put(row, counts.copy()));
        return copy;
    }

    /** Forgets the partition's live part of a row once it is empty and sent. */
    public synchronized void forgetIfEmpty(int partition, RowKey row) {
        Map<RowKey, FunnelCounts> parts = live.get(partition);
        if (parts != null && parts.containsKey(row) && parts.get(row).isEmpty()) {
            parts.remove(row);
        }
    }

    /** The partition's part of a row as last published (null or empty: none); counted unless the partition runs here. */
    public synchronized void replicate(int partition, RowKey row, FunnelCounts counts) {
        Map<RowKey, FunnelCounts> parts = replicated.computeIfAbsent(partition, p -> new HashMap<>());
        FunnelCounts before = counts == null || counts.isEmpty() ? parts.remove(row) : parts.put(row, counts);
        if (!live.containsKey(partition)) {
            change(row, sum -> {
                if (before != null) {
                    sum.mergeUnchanging(before, -1);
                }
                if (counts != null) {
                    sum.mergeUnchanging(counts, 1);
                }
            });
        }
    }

    /**
     * Rows in {@link RowOrder}, only those of the role and of the location where given (null: any),
     * after the position {@code after} (null: from the first), at most {@code limit}; the total is
     * over every row asked for.
     */
    public Page rows(String role, String location, RowOrder after, int limit) {
        return snapshotRows(role, location, after, limit).page();
    }

    private synchronized Snapshot snapshotRows(String role, String location, RowOrder after, int limit) {
        NavigableSet<RowOrder> order;
        FunnelCounts over;
        if (role != null && location != null) {
            RowKey row = new RowKey(role, location);
            over = rows.sums.get(row);
            order = over == null ? new TreeSet<>() : new TreeSet<>(List.of(rows.order(row, over)));
        } else if (role != null) {
            order = rowsOfRole.getOrDefault(role, new TreeSet<>());
            over = roles.sums.get(role);
        } else if (location != null) {
            order = rowsOfLocation.getOrDefault(location, new TreeSet<>());
            over = locations.sums.get(location);
        } else {
            order = rows.order;
            over = total;
        }
        return snapshot(order, after, limit, position -> rows.sums.get(new RowKey(position.role(), position.location())),
                FunnelRow::of, over);
    }

    /** One row per role over all its locations, in {@link RowOrder}, paged like {@link #rows}. */
    public Page byRole(RowOrder after, int limit) {
        return snapshotByRole(after, limit).page();
    }

    /** One row per location over all its roles, in {@link RowOrder}, paged like {@link #rows}. */
    public Page byLocation(RowOrder after, int limit) {
        return snapshotByLocation(after, limit).page();
    }

    private synchronized Snapshot snapshotByRole(RowOrder after, int limit) {
        return snapshot(roles.order, after, limit, position -> roles.sums.get(position.role()),
                (role, location, counts) -> FunnelRow.of(role, null, counts), total);
    }

    private synchronized Snapshot snapshotByLocation(RowOrder after, int limit) {
        return snapshot(locations.order, after, limit, position -> locations.sums.get(position.location()),
                (role, location, counts) -> FunnelRow.of(null, location, counts), total);
    }

    /** A page of rows, where the next page starts after (null on the last), and the total over every row asked for. */
    public record Page(List<FunnelRow> rows, RowOrder next, FunnelRow total) {
    }

    /** How a listed position's counts become a row of the answer. */
    private interface RowMaker {
        FunnelRow row(String role, String location, FunnelCounts.Shown counts);
    }

    /**
     * What the rows of a page show, taken under the lock; the rows are made from it after it is
     * released, so that queries hold the lock (which the stream threads take for every event)
     * only for as long as taking it takes.
     */
    private record Snapshot(List<RowOrder> positions, List<FunnelCounts.Shown> counts, RowMaker maker, RowOrder next,
                            FunnelCounts.Shown over) {

        Page page() {
            List<FunnelRow> page = new ArrayList<>(positions.size());
            for (int i = 0; i < positions.size(); i++) {
                RowOrder position = positions.get(i);
                page.add(maker.row(position.role(), position.location(), counts.get(i)));
            }
            return new Page(page, next, FunnelRow.of(null, null, over));
        }
    }

    private static Snapshot snapshot(NavigableSet<RowOrder> order, RowOrder after, int limit,
                                     Function<RowOrder, FunnelCounts> counts, RowMaker maker, FunnelCounts over) {
        List<RowOrder> positions = new ArrayList<>();
        List<FunnelCounts.Shown> shown = new ArrayList<>();
        boolean more = false;
        for (RowOrder position : after == null ? order : order.tailSet(after, false)) {
            if (positions.size() == limit) {
                more = true;
                break;
            }
            positions.add(position);
            shown.add(counts.apply(position).shown());
        }
        return new Snapshot(positions, shown, maker, more ? positions.getLast() : null,
                (over == null ? new FunnelCounts() : over).shown());
    }

    private void apply(Map<RowKey, FunnelCounts> parts, int sign) {
        parts.forEach((row, counts) -> change(row, sum -> sum.mergeUnchanging(counts, sign)));
    }

    /** Changes a row, its role's and location's rollups and the total alike, keeping every order. */
    private void change(RowKey row, Consumer<FunnelCounts> change) {
        rows.change(row, change, (before, after) -> {
            index(rowsOfRole, row.role(), before, after);
            index(rowsOfLocation, row.location(), before, after);
        });
        roles.change(row.role(), change, (before, after) -> { });
        locations.change(row.location(), change, (before, after) -> { });
        change.accept(total);
    }

    private static void index(Map<String, NavigableSet<RowOrder>> by, String name, RowOrder before, RowOrder after) {
        NavigableSet<RowOrder> order = by.computeIfAbsent(name, n -> new TreeSet<>());
        if (before != null) {
            order.remove(before);
        }
        if (after != null) {
            order.add(after);
        }
        if (order.isEmpty()) {
            by.remove(name);
        }
    }

    /** Counts by key with the keys of the non-empty ones in {@link RowOrder}. */
    private static final class Sums<K> {

        private final Function<K, RowKey> position;
        private final Map<K, FunnelCounts> sums = new HashMap<>();
        private final NavigableSet<RowOrder> order = new TreeSet<>();

        Sums(Function<K, RowKey> position) {
            this.position = position;
        }

        RowOrder order(K key, FunnelCounts counts) {
            RowKey at = position.apply(key);
            return new RowOrder(counts.reached(Stage.APPLIED), at.role(), at.location());
        }

        /** Where the key stands in the order, null while it is empty (not listed). */
        RowOrder orderOf(K key) {
            FunnelCounts counts = sums.get(key);
            return counts == null ? null : order(key, counts);
        }

        /** Changes the key's counts; where that moves it in the order (or in or out of it), tells {@code moved}. */
        void change(K key, Consumer<FunnelCounts> change, java.util.function.BiConsumer<RowOrder, RowOrder> moved) {
            RowOrder before = orderOf(key);
            FunnelCounts counts = sums.computeIfAbsent(key, k -> new FunnelCounts());
            change.accept(counts);
            RowOrder after = counts.isEmpty() ? null : order(key, counts);
            if (after == null) {
                sums.remove(key);
            }
            if (before != null && !before.equals(after)) {
                order.remove(before);
            }
            if (after != null && !after.equals(before)) {
                order.add(after);
            }
            if (before == null ? after != null : !before.equals(after)) {
                moved.accept(before, after);
            }
        }
    }
}
