package io.hirestream.funnel.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The view queries read: every partition counted once, from its live task where that runs here,
 * else as last published; and every page, rollup and total equal to summing the parts afresh.
 */
class FunnelViewTest {

    private static final RowKey REMOTE = new RowKey("Machine Learning Engineer", "Remote, US");
    private static final RowKey BERLIN = new RowKey("Machine Learning Engineer", "Berlin, DE");
    private static final long WEEK_MILLIS = 7 * 86_400_000L;

    @Test
    void aPartitionCountsOnceFromItsLiveTaskWhileItRunsHereAndFromItsPublishedPartsOtherwise() {
        FunnelView view = new FunnelView();
        view.replicate(0, REMOTE, counts(REMOTE, 3));
        view.replicate(1, REMOTE, counts(REMOTE, 5));
        assertThat(applied(view)).isEqualTo(8);

        view.attach(0, Map.of(REMOTE, counts(REMOTE, 4)));
        assertThat(applied(view)).as("partition 0's live part replaces its published one").isEqualTo(9);
        view.change(0, ApplicationState.EMPTY, application("a", REMOTE), false);
        view.replicate(0, REMOTE, counts(REMOTE, 4));
        assertThat(applied(view)).as("a part published while the task runs here is not counted again").isEqualTo(10);

        view.detach(0);
        assertThat(applied(view)).as("after the task left, its last published part stands").isEqualTo(9);
    }

    @Test
    void aRepublishedPartReplacesTheOneBeforeItTimesToStageIncludedHoweverOftenItIsPublished() {
        FunnelView view = new FunnelView();
        FunnelCounts first = new FunnelCounts();
        for (int i = 0; i < 20; i++) {
            first.add(screened("s" + i, REMOTE, 3_600_000L * (i + 1)), 1);
        }
        view.replicate(0, REMOTE, first);
        FunnelCounts second = new FunnelCounts();
        second.add(screened("t", REMOTE, 86_400_000L), 1);
        view.replicate(0, REMOTE, second.copy());
        view.replicate(0, REMOTE, second);

        FunnelRow row = view.rows(null, null, null, 10).rows().getFirst();
        assertThat(row.reached().get(Stage.SCREENED)).isEqualTo(1);
        FunnelRow.Percentiles screened = row.timeToStageMillis().get(Stage.SCREENED);
        assertThat(screened.count()).isEqualTo(1);
        assertThat(screened.p90()).as("one day, within the sketch's accuracy").isCloseTo(86_400_000L, within(864_000L));
    }

    @Test
    void anApplicationMovingRowsLeavesTheOldRowAndItsRollups() {
        FunnelView view = new FunnelView();
        view.attach(0, Map.of());
        ApplicationState remote = application("a", REMOTE);
        view.change(0, ApplicationState.EMPTY, remote, true);
        view.change(0, remote, application("a", BERLIN), false);

        assertThat(view.rows(null, null, null, 10).rows()).extracting(FunnelRow::location).containsExactly("Berlin, DE");
        assertThat(view.byLocation(null, 10).rows()).extracting(FunnelRow::location).containsExactly("Berlin, DE");
        assertThat(view.rows(null, "Remote, US", null, 10).rows()).isEmpty();
        assertThat(view.rows(null, "Remote, US", null, 10).total().reached()).containsEntry(Stage.APPLIED, 0L);
    }

    @Test
    void pagesListEveryRowOnceMostApplicationsFirstThenByRoleAndLocation() {
        FunnelView view = new FunnelView();
        view.attach(0, Map.of(new RowKey("Designer", "Berlin"), counts(3), new RowKey("Engineer", "Remote"), counts(9),
                new RowKey("Engineer", "Berlin"), counts(3), new RowKey("Analyst", "Remote"), counts(3),
                new RowKey("Designer", "Remote"), counts(12)));

        List<String> listed = new ArrayList<>();
        RowOrder after = null;
        int pages = 0;
        do {
            FunnelView.Page<FunnelRow> page = view.rows(null, null, after, 2);
            page.rows().forEach(row -> listed.add(row.role() + "/" + row.location()));
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(listed).containsExactly("Designer/Remote", "Engineer/Remote", "Analyst/Remote", "Designer/Berlin",
                "Engineer/Berlin");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aPageThatHoldsTheLastRowSaysThereIsNoNext() {
        FunnelView view = new FunnelView();
        view.attach(0, Map.of(new RowKey("Engineer", "Remote"), counts(2), new RowKey("Designer", "Remote"), counts(1)));

        assertThat(view.rows(null, null, null, 2).next()).isNull();
        assertThat(view.rows(null, null, null, 1).next()).isEqualTo(new RowOrder(2, "Engineer", "Remote"));
    }

    @Test
    void aRollupsMissingRoleSortsAsEmpty() {
        FunnelView view = new FunnelView();
        view.attach(0, Map.of(new RowKey("Engineer", "Remote"), counts(4), new RowKey("Engineer", "Berlin"), counts(4)));

        assertThat(view.byLocation(null, 10).rows()).extracting(FunnelRow::location).containsExactly("Berlin", "Remote");
        assertThat(view.byLocation(null, 1).next()).isEqualTo(new RowOrder(4, "", "Berlin"));
    }

    /** The same event again (its state handed back unchanged) moves nothing, tables at once or deferred. */
    @Test
    void anEventThatChangesNothingLeavesTheRowsAsTheyWere() {
        for (boolean deferTables : new boolean[]{false, true}) {
            FunnelView view = new FunnelView();
            view.attach(0, Map.of());
            ApplicationState applied = application("a", REMOTE);
            view.change(0, ApplicationState.EMPTY, applied, deferTables);
            ApplicationState again = applied.with(new StageEvent("e-a", "a", Stage.APPLIED, REMOTE.role(), REMOTE.location(),
                    1_000, Decision.NONE));
            assertThat(again).as("the same event again hands back the same state").isSameAs(applied);

            view.change(0, applied, again, deferTables);
            view.foldDeferred();
            assertThat(applied(view)).isEqualTo(1);
        }
    }

    /**
     * Far behind, a task's changes reach the tables when it sends its parts on, and reads see the
     * tables as they were then, never folding: caught up, every change reaches them at once.
     */
    @Test
    void farBehindReadsSeeWhatTheTaskLastSentAndCaughtUpEveryChange() {
        FunnelView view = new FunnelView();
        view.attach(0, Map.of());
        view.change(0, ApplicationState.EMPTY, application("a", REMOTE), true);
        view.change(0, ApplicationState.EMPTY, application("b", REMOTE), true);
        assertThat(applied(view)).as("far behind, before the task sends").isZero();

        view.foldDeferred();
        assertThat(applied(view)).as("once it has sent").isEqualTo(2);

        view.change(0, ApplicationState.EMPTY, application("c", REMOTE), true);
        view.change(0, ApplicationState.EMPTY, application("d", REMOTE), false);
        assertThat(applied(view)).as("caught up: at once, with what was left before").isEqualTo(4);
    }

    /**
     * Random sequences of live additions and moves between rows (their tables' share at once or
     * deferred), published parts, attaches, detaches, sends and reads over three partitions, of rows and of their
     * slices, the view folding the deferred live changes into its tables at each send, attach and detach: once every
     * task has sent what it has, every listing, read a page at a time, equals the parts summed afresh, and every
     * slice's rows and totals too.
     */
    @Property(tries = 200)
    void everyPageRollupAndTotalEqualsThePartsSummedAfresh(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int limit) {
        Random random = new Random(seed);
        FunnelView view = new FunnelView();
        Map<Integer, List<ApplicationState>> added = new HashMap<>();
        Map<Integer, Map<RowKey, FunnelCounts>> live = new HashMap<>();
        Map<Integer, Map<RowKey, FunnelCounts>> published = new HashMap<>();
        Set<Integer> here = new HashSet<>();
        String[] roles = {"MLE", "SRE", "PM"};
        String[] locations = {"Remote, US", "Berlin", "Paris"};
        for (int step = 0; step < 60; step++) {
            int partition = random.nextInt(3);
            RowKey funnelRow = new RowKey(roles[random.nextInt(roles.length)], locations[random.nextInt(locations.length)]);
            RowKey row = switch (random.nextInt(4)) {
                case 0 -> funnelRow.in(Slice.week(WEEK_MILLIS * random.nextInt(3)));
                case 1 -> funnelRow.in(Slice.source(random.nextBoolean() ? "REFERRAL" : null));
                default -> funnelRow;
            };
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (here.contains(partition)) {
                        ApplicationState application = application("a" + step, funnelRow);
                        changeLive(view, live, partition, ApplicationState.EMPTY, application, random.nextBoolean());
                        added.computeIfAbsent(partition, p -> new ArrayList<>()).add(application);
                    }
                }
                case 4 -> {
                    // An application changes: it moves to another row, reaches a stage, or counts nowhere any more.
                    List<ApplicationState> ofPartition = added.getOrDefault(partition, List.of());
                    if (here.contains(partition) && !ofPartition.isEmpty()) {
                        ApplicationState before = ofPartition.remove(random.nextInt(ofPartition.size()));
                        Stage reached = Stage.values()[1 + random.nextInt(3)];
                        ApplicationState after = switch (random.nextInt(3)) {
                            case 0 -> application("m" + step, funnelRow);
                            case 1 -> before.with(new StageEvent("e-" + step, "a", reached, before.row().role(),
                                    before.row().location(), 1_000 + random.nextInt(5_000_000),
                                    random.nextBoolean() ? Decision.PASSED : Decision.REJECTED));
                            default -> ApplicationState.EMPTY;
                        };
                        changeLive(view, live, partition, before, after, random.nextBoolean());
                        if (!after.isEmpty()) {
                            ofPartition.add(after);
                        }
                    }
                }
                case 5 -> {
                    if (random.nextBoolean()) {
                        view.foldDeferred();
                    }
                    view.rows(null, null, null, limit);
                }
                case 1 -> {
                    FunnelCounts part = counts(row, random.nextInt(4));
                    view.replicate(partition, row, part.copy());
                    published.computeIfAbsent(partition, p -> new HashMap<>()).put(row, part);
                }
                case 2 -> {
                    Map<RowKey, FunnelCounts> parts = Map.of(row, counts(row, 1 + random.nextInt(3)));
                    view.attach(partition, parts);
                    live.put(partition, new HashMap<>(Map.of(row, parts.get(row).copy())));
                    added.remove(partition);
                    here.add(partition);
                }
                default -> {
                    view.detach(partition);
                    live.remove(partition);
                    added.remove(partition);
                    here.remove(partition);
                }
            }
        }
        view.foldDeferred();
        Map<RowKey, FunnelCounts> everyRow = new TreeMap<>();
        for (int partition = 0; partition < 3; partition++) {
            (here.contains(partition) ? live.get(partition) : published.getOrDefault(partition, Map.of()))
                    .forEach((row, counts) -> everyRow.computeIfAbsent(row, r -> new FunnelCounts()).merge(counts, 1));
        }
        Map<RowKey, FunnelCounts> afresh = only(everyRow, row -> row.slice() == null);

        for (Slice.Dimension dimension : Slice.Dimension.values()) {
            for (String role : new String[]{null, "MLE"}) {
                Map<RowKey, FunnelCounts> ofDimension = only(everyRow, row -> row.slice() != null
                        && row.slice().dimension() == dimension && (role == null || row.role().equals(role)));
                List<FunnelView.SliceRow> expectedRows = new ArrayList<>();
                List<FunnelView.SliceRow> expectedTotals = new ArrayList<>();
                new TreeSet<>(ofDimension.keySet().stream().map(row -> row.slice().group()).toList()).forEach(group -> {
                    Map<RowKey, FunnelCounts> ofGroup = only(ofDimension, row -> row.slice().group().equals(group));
                    listed(ofGroup, row -> row, FunnelRow::of).forEach(row -> expectedRows.add(new FunnelView.SliceRow(group, row)));
                    FunnelRow total = total(ofGroup);
                    if (total.reached().get(Stage.APPLIED) > 0) {
                        expectedTotals.add(new FunnelView.SliceRow(group, FunnelRow.of(role, null, totalCounts(ofGroup))));
                    }
                });
                if (dimension == Slice.Dimension.WEEK) {
                    assertThat(allSlices(view, dimension, role, limit)).as("%s rows of %s", dimension, role).isEqualTo(expectedRows);
                }
                assertThat(view.slices(dimension, null, null, role, null, null, 0).totals())
                        .as("%s totals of %s", dimension, role).isEqualTo(expectedTotals);
            }
        }

        assertThat(all((after, n) -> view.rows(null, null, after, n), limit)).isEqualTo(listed(afresh, row -> row, FunnelRow::of));
        assertThat(all((after, n) -> view.byRole(after, n), limit))
                .isEqualTo(listed(afresh, row -> new RowKey(row.role(), ""), (role, location, counts) -> FunnelRow.of(role, null, counts)));
        assertThat(all((after, n) -> view.byLocation(after, n), limit)).isEqualTo(listed(afresh, row -> new RowKey("", row.location()),
                (role, location, counts) -> FunnelRow.of(null, location, counts)));
        assertThat(all((after, n) -> view.rows("MLE", null, after, n), limit))
                .isEqualTo(listed(only(afresh, row -> row.role().equals("MLE")), row -> row, FunnelRow::of));
        assertThat(all((after, n) -> view.rows(null, "Berlin", after, n), limit))
                .isEqualTo(listed(only(afresh, row -> row.location().equals("Berlin")), row -> row, FunnelRow::of));
        assertThat(view.rows(null, null, null, limit).total()).isEqualTo(total(afresh));
        assertThat(view.rows("SRE", "Paris", null, limit).total())
                .isEqualTo(total(only(afresh, row -> row.equals(new RowKey("SRE", "Paris")))));
    }

    /** The rows grouped as asked, summed, without empty ones, most applications first (the plain way). */
    private static List<FunnelRow> listed(Map<RowKey, FunnelCounts> rows, Function<RowKey, RowKey> group, RowMaker make) {
        Map<RowKey, FunnelCounts> groups = new TreeMap<>();
        rows.forEach((row, counts) -> groups.computeIfAbsent(group.apply(row), g -> new FunnelCounts()).merge(counts, 1));
        return groups.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> make.row(entry.getKey().role(), entry.getKey().location(), entry.getValue()))
                .sorted(Comparator.comparing(RowOrder::of)).toList();
    }

    private interface RowMaker {
        FunnelRow row(String role, String location, FunnelCounts counts);
    }

    private static Map<RowKey, FunnelCounts> only(Map<RowKey, FunnelCounts> rows, Predicate<RowKey> wanted) {
        Map<RowKey, FunnelCounts> kept = new TreeMap<>();
        rows.forEach((row, counts) -> {
            if (wanted.test(row)) {
                kept.put(row, counts);
            }
        });
        return kept;
    }

    private static FunnelRow total(Map<RowKey, FunnelCounts> rows) {
        return FunnelRow.of(null, null, totalCounts(rows));
    }

    private static FunnelCounts totalCounts(Map<RowKey, FunnelCounts> rows) {
        FunnelCounts total = new FunnelCounts();
        rows.values().forEach(counts -> total.merge(counts, 1));
        return total;
    }

    /** Every row of a dimension's slices, page after page. */
    private static List<FunnelView.SliceRow> allSlices(FunnelView view, Slice.Dimension dimension, String role, int limit) {
        List<FunnelView.SliceRow> rows = new ArrayList<>();
        FunnelView.SlicePosition after = null;
        do {
            FunnelView.SlicePage page = view.slices(dimension, null, null, role, null, after, limit);
            assertThat(page.rows().size()).isLessThanOrEqualTo(limit);
            rows.addAll(page.rows());
            after = page.next();
        } while (after != null);
        return rows;
    }

    /** Every row of a listing, page after page. */
    private static List<FunnelRow> all(BiFunction<RowOrder, Integer, FunnelView.Page<FunnelRow>> pages, int limit) {
        List<FunnelRow> rows = new ArrayList<>();
        RowOrder after = null;
        do {
            FunnelView.Page<FunnelRow> page = pages.apply(after, limit);
            assertThat(page.rows().size()).isLessThanOrEqualTo(limit);
            rows.addAll(page.rows());
            after = page.next();
        } while (after != null);
        return rows;
    }

    @Test
    void aRowReadWhileItsPartsAreRepublishedIsAlwaysWhole() throws Exception {
        // Queries never answer partially: a part replaced (its old counts out, the new in) never shows the row
        // without the partition, however the view's reads are guarded.
        FunnelView view = new FunnelView();
        view.replicate(0, REMOTE, counts(REMOTE, 5));
        view.replicate(1, REMOTE, counts(REMOTE, 2));
        FunnelCounts three = counts(REMOTE, 3);
        FunnelCounts four = counts(REMOTE, 4);

        Set<Long> seen = readOneRowWhile(view, i -> view.replicate(1, REMOTE, (i % 2 == 0 ? three : four).copy()));

        assertThat(seen).as("5 + 2, 3 or 4 applications, never 5 alone").isSubsetOf(7L, 8L, 9L).isNotEmpty();
    }

    @Test
    void aRowReadWhileATaskMovesHereOrAwayCountsItsPartitionOnce() throws Exception {
        // Attaching or detaching a task swaps its published parts for its live ones, row by row.
        FunnelView view = new FunnelView();
        view.replicate(0, REMOTE, counts(REMOTE, 5));
        view.replicate(1, REMOTE, counts(REMOTE, 2));

        Set<Long> seen = readOneRowWhile(view, i -> {
            if (i % 2 == 0) {
                view.attach(1, Map.of(REMOTE, counts(REMOTE, 2), BERLIN, counts(BERLIN, 1)));
            } else {
                view.detach(1);
            }
        });

        assertThat(seen).as("the partition counted once, live or published, never missing").containsOnly(7L);
    }

    /** What one-row queries from two threads answered (applications applied) while {@code change} ran 20,000 times. */
    private static Set<Long> readOneRowWhile(FunnelView view, IntConsumer change) throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch reading = new CountDownLatch(2);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                reads.add(readers.submit(() -> {
                    reading.countDown();
                    do {
                        FunnelView.Page<FunnelRow> page = view.rows(REMOTE.role(), REMOTE.location(), null, 1);
                        seen.add(page.rows().isEmpty() ? 0L : page.rows().getFirst().reached().get(Stage.APPLIED));
                    } while (!done.get());
                }));
            }
            reading.await(60, TimeUnit.SECONDS);
            for (int i = 0; i < 20_000; i++) {
                change.accept(i);
            }
            done.set(true);
            for (Future<?> read : reads) {
                read.get(60, TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdownNow();
        }
        return seen;
    }

    private static long applied(FunnelView view) {
        return view.rows(null, null, null, 1).total().reached().get(Stage.APPLIED);
    }

    /** Changes an application in the view's live part of the partition, and in the expected parts the plain way. */
    private static void changeLive(FunnelView view, Map<Integer, Map<RowKey, FunnelCounts>> live, int partition,
                                   ApplicationState before, ApplicationState after, boolean deferTables) {
        view.change(partition, before, after, deferTables);
        // By position, not identity: an event that changes nothing hands back the very state it was given.
        ApplicationState[] applications = {before, after};
        int[] signs = {-1, 1};
        for (int i = 0; i < applications.length; i++) {
            ApplicationState application = applications[i];
            for (RowKey in : application.isEmpty() ? new RowKey[0] : application.rows(view.slicedBy())) {
                live.get(partition).computeIfAbsent(in, r -> new FunnelCounts()).add(application, signs[i], in.timed());
            }
        }
    }

    private static ApplicationState application(String id, RowKey row) {
        return ApplicationState.EMPTY.with(new StageEvent("e-" + id, id, Stage.APPLIED, row.role(), row.location(), 1_000,
                Decision.NONE));
    }

    /** An application applied at time 1,000 and screened (passed) this long after. */
    private static ApplicationState screened(String id, RowKey row, long afterMillis) {
        return application(id, row).with(new StageEvent("s-" + id, id, Stage.SCREENED, row.role(), row.location(),
                1_000 + afterMillis, Decision.PASSED));
    }

    private static FunnelCounts counts(int applications) {
        return counts(REMOTE, applications);
    }

    /** A part of a row with this many applications that applied. */
    private static FunnelCounts counts(RowKey row, int applications) {
        FunnelCounts counts = new FunnelCounts();
        for (int i = 0; i < applications; i++) {
            counts.add(application("c" + i, row), 1);
        }
        return counts;
    }
}
