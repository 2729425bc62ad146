package io.hirestream.funnel.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The whole funnel as one instance serves it, kept up to date as its parts change, so that a query
 * costs the same whatever the number of rows: each row, each role's and each location's rollup and
 * the grand total are sums kept as they change, and the rows are kept in {@link RowOrder} (overall,
 * per role and per location) with their sums, so a page is read off an ordered map without a look-up per row.
 *
 * <p>A partition's part of the rows comes from one source only: the live parts of its task, where
 * that task runs on this instance ({@link #attach}, {@link #add}, {@link #detach}); else its
 * replicated parts, as the partition last published them ({@link #replicate}). Each partition
 * therefore counts exactly once, whichever instance processes it.
 *
 * <p>Every slice of the rows (a cohort week, a source: {@link Slice}) is kept the same way, in a
 * table of its own: its rows, rollups and total.
 *
 * <p>An event changes up to four rows (its row and three slices), and each row change moves the
 * row's sums, its role's and location's rollups, the total and their orders. So a task far behind
 * (a replay, a rebuild) changes only the partition's live parts and, per row, what the tables
 * still lack (a delta); the tables take the deltas in one go when the task sends its parts on
 * ({@link #foldDeferred}), or before anything changes them otherwise. A row changed by a thousand
 * events in that time moves its sums and orders once, not a thousand times. Meanwhile reads see
 * the tables as last folded: the partition as this instance last published it, as every other
 * instance sees it, while the instance is far behind the events anyway. Reads never fold: when
 * they did, every query while behind took the write lock, held up the stream threads and every
 * other query, and paid for the changes made since the read before it. A task caught up changes
 * the tables with each event, so that a read sees every event processed before it.
 *
 * <p>Stream threads and query threads share it: changes hold its write lock, queries its read lock.
 */
public final class FunnelView {

    private final Map<Integer, LiveTask> live = new HashMap<>();
    private final Map<Integer, Map<RowKey, FunnelCounts>> replicated = new HashMap<>();
    private final Table funnel = new Table(null);
    private final Map<Slice.Dimension, NavigableMap<String, Table>> slices = new EnumMap<>(Slice.Dimension.class);
    private final Set<Slice.Dimension> slicedBy;
    /** The live parts whose changes the tables do not have yet (see {@link #fold()}): each once, however many changes it had. */
    private final List<LivePart> unfolded = new ArrayList<>();
    /**
     * Stream threads and the follower of published parts change the view under the write lock;
     * queries read it under the read lock, so that they do not wait for one another. Under one
     * monitor for all, a query preempted while holding it (two cores, many busy threads) held up
     * every query behind it: a flight recording under {@code bench queries} showed 80 to 110 waits
     * of a query for another of 20 ms or more in 40 s (median 34 to 64 ms); now a query waits only
     * for a change in progress.
     */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** A partition whose task runs here: its live parts, and those changed since its task last took them. */
    private static final class LiveTask {
        final Map<RowKey, LivePart> parts = new HashMap<>();
        final List<LivePart> changed = new ArrayList<>();
    }

    /**
     * A partition's live part of a row, the changes to it since the tables last took them (null:
     * none), and whether it changed since its task last took it: kept together, so that an event
     * finds all with one look-up.
     */
    private static final class LivePart {
        final RowKey row;
        final FunnelCounts counts;
        FunnelCounts unfolded;
        boolean changed;

        LivePart(RowKey row, FunnelCounts counts) {
            this.row = row;
            this.counts = counts;
        }
    }

    /** A view of the rows sliced by every dimension. */
    public FunnelView() {
        this(EnumSet.allOf(Slice.Dimension.class));
    }

    /** @param slicedBy the dimensions each row is also kept sliced by (none: the rows alone) */
    public FunnelView(Set<Slice.Dimension> slicedBy) {
        this.slicedBy = slicedBy.isEmpty() ? EnumSet.noneOf(Slice.Dimension.class) : EnumSet.copyOf(slicedBy);
    }

    /** The dimensions each row is also kept sliced by. */
    public Set<Slice.Dimension> slicedBy() {
        return Collections.unmodifiableSet(slicedBy);
    }

    /**
     * The partition's task runs here, with these parts (derived from its applications): they replace
     * whatever stood for the partition until now, live or replicated.
     */
    public void attach(int partition, Map<RowKey, FunnelCounts> parts) {
        write(() -> attachLocked(partition, parts));
    }

    private void attachLocked(int partition, Map<RowKey, FunnelCounts> parts) {
        fold();
        LiveTask before = live.remove(partition);
        if (before != null) {
            applyLive(before, -1);
        } else {
            apply(replicated.getOrDefault(partition, Map.of()), -1);
        }
        LiveTask own = new LiveTask();
        parts.forEach((row, counts) -> {
            LivePart part = new LivePart(row, counts.copy());
            own.parts.put(row, part);
            part.changed = true;
            own.changed.add(part);
        });
        live.put(partition, own);
        applyLive(own, 1);
    }

    /** The partition's task stopped here: its replicated parts stand for it again. */
    public void detach(int partition) {
        write(() -> detachLocked(partition));
    }

    private void detachLocked(int partition) {
        fold();
        LiveTask before = live.remove(partition);
        if (before != null) {
            applyLive(before, -1);
            apply(replicated.getOrDefault(partition, Map.of()), 1);
        }
    }

    /**
     * An application changed (an event came, or its candidate's declaration): takes it out of the
     * rows it counted in (its row and that row's slices) in the partition's live part, and puts it
     * into those it counts in now. Either may be {@link ApplicationState#isEmpty() empty} (counts
     * nowhere): a new application, or one no event stands for any more. The parts it changes are
     * among the next {@link #takeChanged}.
     *
     * @param deferTables true to leave the tables' share of the change to the next fold (see
     *                    {@link #foldDeferred()}): for a task far behind, whose rows change many
     *                    times between two sends. False changes the tables at once (folding first
     *                    whatever was left), as a caught-up task does.
     */
    public void change(int partition, ApplicationState before, ApplicationState after, boolean deferTables) {
        write(() -> changeLocked(partition, before, after, deferTables));
    }

    private void changeLocked(int partition, ApplicationState before, ApplicationState after, boolean deferTables) {
        if (!deferTables) {
            fold();
        }
        LiveTask parts = live.computeIfAbsent(partition, p -> new LiveTask());
        RowKey[] out = before.isEmpty() ? NO_ROWS : before.rows(slicedBy);
        RowKey[] in = after.isEmpty() ? NO_ROWS : after.rows(slicedBy);
        FunnelCounts.Contribution taken = FunnelCounts.Contribution.of(before);
        FunnelCounts.Contribution added = FunnelCounts.Contribution.of(after);
        // Both list the row, then its slices in the order of slicedBy: a row can only be at the same place in both.
        for (int i = 0; i < Math.max(out.length, in.length); i++) {
            RowKey left = i < out.length ? out[i] : null;
            RowKey entered = i < in.length ? in[i] : null;
            if (left != null && left.equals(entered)) {
                changeLive(parts, left, counts -> counts.replace(taken, added, left.timed()), deferTables);
                continue;
            }
            if (left != null) {
                changeLive(parts, left, counts -> counts.add(taken, -1, left.timed()), deferTables);
            }
            if (entered != null) {
                changeLive(parts, entered, counts -> counts.add(added, 1, entered.timed()), deferTables);
            }
        }
    }

    /**
     * Changes the partition's live part of a row (made where new, noted as changed), and the
     * tables alike, at once or at the next fold.
     */
    private void changeLive(LiveTask task, RowKey row, Consumer<FunnelCounts> change, boolean deferTables) {
        LivePart part = task.parts.computeIfAbsent(row, key -> new LivePart(key, new FunnelCounts()));
        if (!part.changed) {
            part.changed = true;
            task.changed.add(part);
        }
        change.accept(part.counts);
        if (!deferTables) {
            change(row, change);
            return;
        }
        if (part.unfolded == null) {
            part.unfolded = new FunnelCounts();
            unfolded.add(part);
        }
        change.accept(part.unfolded);
    }

    private static final RowKey[] NO_ROWS = new RowKey[0];

    /** A change under the write lock. */
    private void write(Runnable change) {
        write(() -> {
            change.run();
            return null;
        });
    }

    /** A change under the write lock, and what it answers. */
    private <T> T write(Supplier<T> change) {
        lock.writeLock().lock();
        try {
            return change.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A read under the read lock, of the tables as last folded (see {@link #fold()}). */
    private <T> T read(Supplier<T> read) {
        lock.readLock().lock();
        try {
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Hands the tables the changes a task far behind left them (see {@link #change}): called when a
     * task sends its changed parts on, so that reads see what it has sent.
     */
    public void foldDeferred() {
        write(this::fold);
    }

    /**
     * Hands the tables every live change they lack, one row at a time. The tables hold, per
     * partition, its live parts as of the last fold or its replicated parts: real sums of
     * applications either way, so no rollup empties (and is dropped) while it still counts
     * something. Replicating another partition's part swaps one real sum for another and needs no
     * fold; attaching or detaching a partition takes its live parts out whole, so it folds first.
     */
    private void fold() {
        for (LivePart part : unfolded) {
            FunnelCounts delta = part.unfolded;
            change(part.row, sum -> sum.mergeUnchanging(delta, 1));
            part.unfolded = null;
        }
        unfolded.clear();
    }

    /**
     * The partition's live parts changed since this was last asked (all of them, after
     * {@link #attach}), empty ones included: what its task sends on. They are the parts themselves,
     * not copies (copying every changed part once a second was a twentieth of what a stream thread
     * allocated under bench queries): only the partition's task changes them, so it reads them
     * safely until it processes its next record, and must neither keep nor change them.
     */
    public Map<RowKey, FunnelCounts> takeChanged(int partition) {
        return write(() -> takeChangedLocked(partition));
    }

    private Map<RowKey, FunnelCounts> takeChangedLocked(int partition) {
        LiveTask task = live.get(partition);
        if (task == null) {
            return Map.of();
        }
        Map<RowKey, FunnelCounts> changed = new LinkedHashMap<>();
        for (LivePart part : task.changed) {
            changed.put(part.row, part.counts);
            part.changed = false;
        }
        task.changed.clear();
        return changed;
    }

    /** Forgets the partition's live part of a row once it is empty and sent (its changes stay until folded). */
    public void forgetIfEmpty(int partition, RowKey row) {
        write(() -> forgetIfEmptyLocked(partition, row));
    }

    private void forgetIfEmptyLocked(int partition, RowKey row) {
        LiveTask task = live.get(partition);
        LivePart part = task == null ? null : task.parts.get(row);
        if (part != null && part.counts.isEmpty() && !part.changed) {
            task.parts.remove(row);
        }
    }

    /** The partition's part of a row as last published (null or empty: none); counted unless the partition runs here. */
    public void replicate(int partition, RowKey row, FunnelCounts counts) {
        write(() -> replicateLocked(partition, row, counts));
    }

    private void replicateLocked(int partition, RowKey row, FunnelCounts counts) {
        Map<RowKey, FunnelCounts> parts = replicated.computeIfAbsent(partition, p -> new HashMap<>());
        boolean gone = counts == null || counts.isEmpty();
        FunnelCounts held = gone ? parts.remove(row) : parts.get(row);
        if (!live.containsKey(partition)) {
            change(row, sum -> {
                if (held != null) {
                    sum.mergeUnchanging(held, -1);
                }
                if (!gone) {
                    sum.mergeUnchanging(counts, 1);
                }
            });
        }
        if (gone) {
            return;
        }
        // A part is replaced every time its partition publishes it, seconds apart: copied into the
        // counts already held, the new one dies young, where keeping it would have every published
        // part outlive a few young collections and be copied by each (what made their pauses long).
        if (held == null) {
            parts.put(row, counts);
        } else {
            held.copyFromUnchanging(counts);
        }
    }

    /**
     * Rows in {@link RowOrder}, only those of the role and of the location where given (null: any),
     * after the position {@code after} (null: from the first), at most {@code limit}; the total is
     * over every row asked for.
     */
    public Page<FunnelRow> rows(String role, String location, RowOrder after, int limit) {
        return rows(role, location, after, limit, ROWS);
    }

    /** As {@link #rows(String, String, RowOrder, int)}, each row and the total as the renderer makes them. */
    public <T> Page<T> rows(String role, String location, RowOrder after, int limit, RowRenderer<T> renderer) {
        return read(() -> funnel.rows(role, location, after, limit, renderer)).page(renderer);
    }

    /** One row per role over all its locations, in {@link RowOrder}, paged like {@link #rows}. */
    public Page<FunnelRow> byRole(RowOrder after, int limit) {
        return byRole(after, limit, ROWS);
    }

    /** As {@link #byRole(RowOrder, int)}, each row and the total as the renderer makes them. */
    public <T> Page<T> byRole(RowOrder after, int limit, RowRenderer<T> renderer) {
        return read(() -> funnel.byRole(after, limit, renderer)).page(renderer);
    }

    /** One row per location over all its roles, in {@link RowOrder}, paged like {@link #rows}. */
    public Page<FunnelRow> byLocation(RowOrder after, int limit) {
        return byLocation(after, limit, ROWS);
    }

    /** As {@link #byLocation(RowOrder, int)}, each row and the total as the renderer makes them. */
    public <T> Page<T> byLocation(RowOrder after, int limit, RowRenderer<T> renderer) {
        return read(() -> funnel.byLocation(after, limit, renderer)).page(renderer);
    }

    /**
     * The slices of one dimension whose group is between {@code from} and {@code to} (inclusive;
     * null: unbounded), in group order, over the rows of the role and of the location where given
     * (null: any). {@code totals} has one row per group, over every row asked for; {@code rows}
     * lists the (role, location) rows of each group, in group order then {@link RowOrder}, a page
     * after {@code after} (null: from the first) of at most {@code limit} (0: none). Only cohort
     * weeks' rows are listed; of sources, only their totals.
     */
    public SlicePage slices(Slice.Dimension dimension, String from, String to, String role, String location,
                            SlicePosition after, int limit) {
        if (limit > 0 && dimension != Slice.Dimension.WEEK) {
            throw new IllegalArgumentException("the rows of " + dimension + " slices are not listed, only their totals");
        }
        List<String> groups = new ArrayList<>();
        List<FunnelCounts.Shown> totals = new ArrayList<>();
        List<String> rowGroups = new ArrayList<>();
        List<Snapshot> pages = new ArrayList<>();
        SlicePosition next = null;
        lock.readLock().lock();
        try {
            NavigableMap<String, Table> tables = slices.getOrDefault(dimension, new TreeMap<>());
            if (from != null) {
                tables = tables.tailMap(from, true);
            }
            if (to != null) {
                tables = tables.headMap(to, true);
            }
            int left = limit;
            for (Map.Entry<String, Table> entry : tables.entrySet()) {
                String group = entry.getKey();
                Sum over = entry.getValue().over(role, location);
                if (over == null || over.counts.isEmpty()) {
                    continue;
                }
                groups.add(group);
                totals.add(over.counts.shown());
                if (left == 0 || (after != null && group.compareTo(after.group()) < 0)) {
                    if (left == 0 && limit > 0 && next == null && !pages.isEmpty()) {
                        next = new SlicePosition(rowGroups.getLast(), pages.getLast().positions().getLast());
                    }
                    continue;
                }
                RowOrder resume = after != null && group.equals(after.group()) ? after.row() : null;
                Snapshot page = entry.getValue().rows(role, location, resume, left, ROWS);
                if (!page.positions().isEmpty()) {
                    rowGroups.add(group);
                    pages.add(page);
                    left -= page.positions().size();
                    if (page.next() != null) {
                        next = new SlicePosition(group, page.next());
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        List<SliceRow> rows = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            for (FunnelRow row : pages.get(i).page(ROWS).rows()) {
                rows.add(new SliceRow(rowGroups.get(i), row));
            }
        }
        List<SliceRow> over = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            over.add(new SliceRow(groups.get(i), FunnelRow.of(role, location, totals.get(i))));
        }
        return new SlicePage(rows, next, over);
    }

    /**
     * A page of rows, where the next page starts after (null on the last), and the total over every
     * row asked for; each as a {@link RowRenderer} made it.
     */
    public record Page<T>(List<T> rows, RowOrder next, T total) {
    }

    /**
     * Makes what a reader is given of a row (the funnel's HTTP answer: the row's JSON). What it made
     * of a row is kept, and given again, until the row's counts change: a row is read far more
     * often than it changes, so a query mostly hands out what was made before. It must therefore
     * depend on the row alone.
     */
    @FunctionalInterface
    public interface RowRenderer<T> {
        T render(FunnelRow row);
    }

    /** The rows themselves. */
    public static final RowRenderer<FunnelRow> ROWS = row -> row;

    /** A row of one slice's group: a (role, location) row of it, or its total over the rows asked for. */
    public record SliceRow(String group, FunnelRow row) {
    }

    /** Where a page of slices' rows ends: the group, and the row within it. */
    public record SlicePosition(String group, RowOrder row) {
    }

    /**
     * A page of slices' rows and where the next starts (null on the last), and every group's total.
     */
    public record SlicePage(List<SliceRow> rows, SlicePosition next, List<SliceRow> totals) {
    }

    /**
     * The counts of a row, a rollup or a total as a table keeps them, how many times they changed,
     * and what a renderer last made of them, listed as a row ({@code role}, {@code location}) and
     * as a page's total (neither). The version changes under the view's lock; what was rendered is
     * set without it, by the query that rendered it, tagged with the version it was rendered from.
     */
    private static final class Sum {
        final FunnelCounts counts = new FunnelCounts();
        final String role;
        final String location;
        long version;
        volatile Rendered asRow;
        volatile Rendered asTotal;

        Sum(String role, String location) {
            this.role = role;
            this.location = location;
        }

        void change(Consumer<FunnelCounts> change) {
            change.accept(counts);
            version++;
        }

        /** What was rendered of the counts as they stand now (under the lock), or their counts to render it from. */
        Taken take(RowRenderer<?> renderer, boolean total) {
            Rendered made = total ? asTotal : asRow;
            if (made != null && made.renderer == renderer && made.version == version) {
                return new Taken(this, total, version, null, made.value);
            }
            return new Taken(this, total, version, counts.shown(), null);
        }
    }

    /** What a renderer made of a sum at a version. */
    private record Rendered(RowRenderer<?> renderer, long version, Object value) {
    }

    /** Counts no table holds: the total of rows that do not exist. */
    private static final Sum NONE = new Sum(null, null);

    /** A sum as a page lists it, taken under the lock: rendered already, or its counts as they were. */
    private record Taken(Sum sum, boolean total, long version, FunnelCounts.Shown counts, Object rendered) {

        @SuppressWarnings("unchecked")
        <T> T render(RowRenderer<T> renderer) {
            if (counts == null) {
                return (T) rendered;
            }
            T made = renderer.render(total ? FunnelRow.of(null, null, counts) : FunnelRow.of(sum.role, sum.location, counts));
            Rendered kept = new Rendered(renderer, version, made);
            if (total) {
                sum.asTotal = kept;
            } else {
                sum.asRow = kept;
            }
            return made;
        }
    }

    /**
     * What the rows of a page show, taken under the lock; what was not rendered yet is rendered
     * after it is released, so that queries hold the lock (which the stream threads take for every
     * event) only for as long as taking it takes.
     */
    private record Snapshot(List<RowOrder> positions, List<Taken> rows, RowOrder next, Taken total) {

        <T> Page<T> page(RowRenderer<T> renderer) {
            List<T> page = new ArrayList<>(rows.size());
            for (Taken row : rows) {
                page.add(row.render(renderer));
            }
            return new Page<>(page, next, total.render(renderer));
        }
    }

    private static Snapshot snapshot(NavigableMap<RowOrder, Sum> order, RowOrder after, int limit, Sum over,
                                     RowRenderer<?> renderer) {
        List<RowOrder> positions = new ArrayList<>();
        List<Taken> rows = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<RowOrder, Sum> row : (after == null ? order : order.tailMap(after, false)).entrySet()) {
            if (positions.size() == limit) {
                more = true;
                break;
            }
            positions.add(row.getKey());
            rows.add(row.getValue().take(renderer, false));
        }
        return new Snapshot(positions, rows, more ? positions.getLast() : null,
                (over == null ? NONE : over).take(renderer, true));
    }

    private void apply(Map<RowKey, FunnelCounts> parts, int sign) {
        parts.forEach((row, counts) -> change(row, sum -> sum.mergeUnchanging(counts, sign)));
    }

    private void applyLive(LiveTask task, int sign) {
        task.parts.forEach((row, part) -> change(row, sum -> sum.mergeUnchanging(part.counts, sign)));
    }

    /** Changes a row in its table (the funnel's, or its slice's), which keeps its sums and orders. */
    private void change(RowKey row, Consumer<FunnelCounts> change) {
        Slice slice = row.slice();
        if (slice == null) {
            funnel.change(row, change);
            return;
        }
        NavigableMap<String, Table> tables = slices.computeIfAbsent(slice.dimension(), d -> new TreeMap<>());
        Table table = tables.computeIfAbsent(slice.group(), group -> new Table(slice));
        table.change(row, change);
        if (table.total.counts.isEmpty()) {
            tables.remove(slice.group());
        }
    }

    /**
     * The rows of the funnel, or of one slice of it, with the rollups by role and by location and
     * the total, each kept as it changes, and the rows in {@link RowOrder} overall, per role and per
     * location.
     */
    private static final class Table {

        private final Slice slice;
        private final Sums<RowKey> rows;
        private final Sums<String> roles;
        private final Sums<String> locations;
        private final Map<String, NavigableMap<RowOrder, Sum>> rowsOfRole = new HashMap<>();
        private final Map<String, NavigableMap<RowOrder, Sum>> rowsOfLocation = new HashMap<>();
        private final Sum total = new Sum(null, null);

        /**
         * Keeping an order costs more per event than the sums it orders, so each table keeps only
         * the orders it is listed in: the funnel's rows and rollups are paged, a cohort week's rows
         * are paged, a source is only summed.
         */
        Table(Slice slice) {
            this.slice = slice;
            boolean rowsListed = slice == null || slice.dimension() == Slice.Dimension.WEEK;
            this.rows = new Sums<>(row -> row, row -> new Sum(row.role(), row.location()), rowsListed);
            this.roles = new Sums<>(role -> new RowKey(role, ""), role -> new Sum(role, null), slice == null);
            this.locations = new Sums<>(location -> new RowKey("", location), location -> new Sum(null, location), slice == null);
        }

        /** The sum of the rows of the role and of the location (null: any); null where there is none. */
        Sum over(String role, String location) {
            if (role != null && location != null) {
                return rows.sums.get(new RowKey(role, location, slice));
            } else if (role != null) {
                return roles.sums.get(role);
            } else if (location != null) {
                return locations.sums.get(location);
            }
            return total;
        }

        Snapshot rows(String role, String location, RowOrder after, int limit, RowRenderer<?> renderer) {
            Sum over = over(role, location);
            NavigableMap<RowOrder, Sum> order;
            if (role != null && location != null) {
                order = over == null ? NO_ROWS_IN_ORDER
                        : new TreeMap<>(Map.of(rows.order(new RowKey(role, location, slice), over.counts), over));
            } else if (role != null) {
                order = rowsOfRole.getOrDefault(role, NO_ROWS_IN_ORDER);
            } else if (location != null) {
                order = rowsOfLocation.getOrDefault(location, NO_ROWS_IN_ORDER);
            } else {
                order = rows.order;
            }
            return snapshot(order, after, limit, over, renderer);
        }

        Snapshot byRole(RowOrder after, int limit, RowRenderer<?> renderer) {
            return snapshot(roles.order, after, limit, total, renderer);
        }

        Snapshot byLocation(RowOrder after, int limit, RowRenderer<?> renderer) {
            return snapshot(locations.order, after, limit, total, renderer);
        }

        /** Changes a row, its role's and location's rollups and the total alike, keeping every order. */
        void change(RowKey row, Consumer<FunnelCounts> change) {
            rows.change(row, change, (before, after, sum) -> {
                index(rowsOfRole, row.role(), before, after, sum);
                index(rowsOfLocation, row.location(), before, after, sum);
            });
            roles.change(row.role(), change, (before, after, sum) -> { });
            locations.change(row.location(), change, (before, after, sum) -> { });
            total.change(change);
        }
    }

    /** No rows, in order. */
    private static final NavigableMap<RowOrder, Sum> NO_ROWS_IN_ORDER = Collections.emptyNavigableMap();

    private static void index(Map<String, NavigableMap<RowOrder, Sum>> by, String name, RowOrder before, RowOrder after,
                              Sum sum) {
        NavigableMap<RowOrder, Sum> order = by.computeIfAbsent(name, n -> new TreeMap<>());
        if (before != null) {
            order.remove(before);
        }
        if (after != null) {
            order.put(after, sum);
        }
        if (order.isEmpty()) {
            by.remove(name);
        }
    }

    /** Counts by key with the non-empty ones in {@link RowOrder}, each position mapped to its sum. */
    private static final class Sums<K> {

        private final Function<K, RowKey> position;
        private final Function<K, Sum> made;
        private final boolean ordered;
        private final Map<K, Sum> sums = new HashMap<>();
        private final NavigableMap<RowOrder, Sum> order = new TreeMap<>();

        /**
         * @param made    a new key's sum, named as its rows are listed
         * @param ordered whether the keys are kept in order (else {@code order} stays empty)
         */
        Sums(Function<K, RowKey> position, Function<K, Sum> made, boolean ordered) {
            this.position = position;
            this.made = made;
            this.ordered = ordered;
        }

        RowOrder order(K key, FunnelCounts counts) {
            RowKey at = position.apply(key);
            return new RowOrder(counts.reached(Stage.APPLIED), at.role(), at.location());
        }

        /**
         * Changes the key's counts; where that moves it in the order (or in or out of it), tells
         * {@code moved} (never, unordered).
         */
        void change(K key, Consumer<FunnelCounts> change, Moved moved) {
            Sum sum = sums.get(key);
            RowOrder before = sum == null || !ordered ? null : order(key, sum.counts);
            if (sum == null) {
                sum = made.apply(key);
                sums.put(key, sum);
            }
            sum.change(change);
            FunnelCounts counts = sum.counts;
            if (counts.isEmpty()) {
                sums.remove(key);
            }
            if (!ordered) {
                return;
            }
            RowOrder after = counts.isEmpty() ? null : order(key, counts);
            if (before != null && !before.equals(after)) {
                order.remove(before);
            }
            if (after != null && !after.equals(before)) {
                order.put(after, sum);
            }
            if (before == null ? after != null : !before.equals(after)) {
                moved.moved(before, after, sum);
            }
        }
    }

    /** A sum's move in an order: from {@code before} to {@code after} (null: out of it, or into it). */
    @FunctionalInterface
    private interface Moved {
        void moved(RowOrder before, RowOrder after, Sum sum);
    }
}
