package io.hirestream.funnel.topology;

import io.hirestream.events.FairnessGroup;
import io.hirestream.events.FunnelCohortMetrics;
import io.hirestream.events.FunnelFairness;
import io.hirestream.events.FunnelMetrics;
import io.hirestream.funnel.FunnelTestDriver;
import io.hirestream.funnel.ReferenceFunnel;
import io.hirestream.funnel.domain.AdverseImpact;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Declaration;
import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.Slice;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The topology against the plain reference implementation of the funnel semantics, over random
 * sets of events with conflicting events per stage, duplicates and any arrival order: its rows,
 * and its cohort and source rows, as the API reads them and as the metrics and cohorts topics
 * carry them.
 */
class FunnelMatchesReferenceTest {

    private static final String[] LOCATIONS = {"Remote, US", "Berlin"};
    private static FunnelTestDriver driver;

    @AfterContainer
    static void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Property(tries = 150)
    void theTopologyAgreesWithTheReferenceWhateverTheOrderAndDuplicates(@ForAll("applications") List<List<StageEvent>> applications,
                                                                        @ForAll long seed) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<StageEvent> events = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        Map<String, List<String>> declared = new java.util.HashMap<>();
        Random random = new Random(seed);
        for (List<StageEvent> application : applications) {
            for (StageEvent event : application) {
                StageEvent renamed = rename(event, run);
                int copies = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
                for (int i = 0; i < copies; i++) {
                    events.add(renamed);
                    inputs.add(renamed);
                }
            }
            declare(rename(application.getFirst(), run).applicationId(), random, inputs, declared);
        }
        Collections.shuffle(inputs, random);
        keepEachDeclarationBeforeItsErasure(inputs);

        FunnelTestDriver funnel = driver();
        for (Object input : inputs) {
            if (input instanceof StageEvent event) {
                funnel.pipe(event);
            } else {
                Declared declaration = (Declared) input;
                funnel.pipe(declaration.applicationId(), declaration.declared());
            }
        }
        funnel.emit();

        Map<String, ReferenceFunnel.Row> expected = ReferenceFunnel.compute(events);
        Map<String, FunnelRow> actual = funnel.rows().stream()
                .filter(row -> row.role().startsWith(run))
                .collect(Collectors.toMap(row -> row.role() + "|" + row.location(), row -> row));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, row) -> assertRow(actual.get(key), row));

        Map<String, FunnelMetrics> published = funnel.latestMetrics();
        assertThat(standing(published, run)).as("rows on the metrics topic (a row left empty is a tombstone)")
                .isEqualTo(actual.values().stream().map(row -> new RowKey(row.role(), row.location()).toKey())
                        .collect(Collectors.toSet()));
        for (FunnelRow row : actual.values()) {
            FunnelMetrics metrics = published.get(new RowKey(row.role(), row.location()).toKey());
            assertThat(metrics).as("published row for %s", row.role()).isNotNull();
            assertThat(FunnelMetricsMapper.toRow(metrics)).isEqualTo(row);
        }

        Map<String, FunnelCohortMetrics> cohorts = funnel.latestCohorts();
        assertSlices(funnel, run, Slice.Dimension.WEEK, ReferenceFunnel.cohorts(events), cohorts);
        assertSlices(funnel, run, Slice.Dimension.SOURCE, ReferenceFunnel.sources(events), cohorts);
        Map<String, ReferenceFunnel.Row> byDeclaration = ReferenceFunnel.declarations(events, declared);
        assertSlices(funnel, run, Slice.Dimension.DECLARATION, byDeclaration, cohorts);
        assertFairnessPublished(funnel.latestFairness(), run, byDeclaration);
    }

    /**
     * Each (role, location)'s published counts per group of each grouping equal the reference's
     * rows by declaration summed by group, a group under the minimum size suppressed, and a row
     * with no application left a tombstone.
     */
    private static void assertFairnessPublished(Map<String, FunnelFairness> published, String run,
                                                Map<String, ReferenceFunnel.Row> byDeclaration) {
        Map<String, Map<String, long[]>> expected = new TreeMap<>();
        byDeclaration.forEach((key, row) -> {
            String[] parts = key.split("\\|");
            for (AdverseImpact.Dimension dimension : AdverseImpact.Dimension.values()) {
                String group = switch (dimension) {
                    case SEX -> parts[2];
                    case RACE_ETHNICITY -> parts[3];
                    case VETERAN -> parts[4];
                    case DISABILITY -> parts[5];
                    case SEX_AND_RACE_ETHNICITY -> parts[2] + "/" + parts[3];
                };
                long[] sums = expected.computeIfAbsent(new RowKey(parts[0], parts[1]).toKey(dimension.name()), k -> new TreeMap<>())
                        .computeIfAbsent(group.contains("DECLINED") ? "DECLINED" : group, g -> new long[6]);
                for (int s = 0; s < 4; s++) {
                    sums[s] += row.reached[s];
                }
                sums[4] += row.passed[0];
                sums[5] += row.passed[1];
            }
        });
        Map<String, Map<String, long[]>> actual = new TreeMap<>();
        published.forEach((key, value) -> {
            if (value != null && value.getRole().startsWith(run)) {
                Map<String, long[]> groups = new TreeMap<>();
                for (FairnessGroup group : value.getGroups()) {
                    assertThat(group.getSuppressed()).as("%s %s suppressed", key, group.getGroup())
                            .isEqualTo(expected.getOrDefault(key, Map.of()).getOrDefault(group.getGroup(), new long[6])[0]
                                    < FunnelTestDriver.MINIMUM_GROUP_SIZE);
                    groups.put(group.getGroup(), group.getSuppressed() ? expected.get(key).get(group.getGroup())
                            : new long[]{group.getReached().getApplied(), group.getReached().getScreened(),
                            group.getReached().getInterviewed(), group.getReached().getOffered(),
                            group.getPassed().getScreened(), group.getPassed().getInterviewed()});
                }
                actual.put(key, groups);
            }
        });
        assertThat(actual.keySet()).as("groupings published").isEqualTo(expected.keySet());
        expected.forEach((key, groups) -> {
            assertThat(actual.get(key).keySet()).as("groups of %s", key).isEqualTo(groups.keySet());
            groups.forEach((group, sums) -> assertThat(actual.get(key).get(group)).as("%s %s", key, group).isEqualTo(sums));
        });
    }

    /** One input to the self-identification topic: what the candidate declared, or (NONE) its erasure. */
    private record Declared(String applicationId, Declaration declared) {
    }

    private static final List<List<String>> CATEGORIES = List.of(List.of("FEMALE", "MALE", "DECLINED"),
            List.of("ASIAN", "WHITE", "HISPANIC_OR_LATINO", "DECLINED"), List.of("PROTECTED_VETERAN", "DECLINED"),
            List.of("YES", "NO", "DECLINED"));

    /**
     * Two applications in three declare something, one in five of those is erased later, and the
     * expected declaration (none after an erasure) is noted.
     */
    private static void declare(String applicationId, Random random, List<Object> inputs, Map<String, List<String>> declared) {
        if (random.nextInt(3) == 0) {
            return;
        }
        List<String> categories = CATEGORIES.stream().map(values -> values.get(random.nextInt(values.size()))).toList();
        inputs.add(new Declared(applicationId, new Declaration(categories.get(0), categories.get(1), categories.get(2),
                categories.get(3))));
        if (random.nextInt(5) == 0) {
            inputs.add(new Declared(applicationId, Declaration.NONE));
        } else {
            declared.put(applicationId, categories);
        }
    }

    /** Intake writes a declaration before its erasure, on the same partition: the funnel reads them in that order. */
    private static void keepEachDeclarationBeforeItsErasure(List<Object> inputs) {
        Map<String, Integer> declaredAt = new java.util.HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) instanceof Declared declared) {
                Integer other = declaredAt.putIfAbsent(declared.applicationId(), i);
                boolean erasureFirst = other != null && ((Declared) inputs.get(other)).declared().equals(Declaration.NONE);
                if (erasureFirst) {
                    Collections.swap(inputs, other, i);
                }
            }
        }
    }

    /** Every slice row of the run, as the view lists them page by page and as the cohorts topic has them last, equals the reference's. */
    private static void assertSlices(FunnelTestDriver funnel, String run, Slice.Dimension dimension,
                                     Map<String, ReferenceFunnel.Row> expected, Map<String, FunnelCohortMetrics> published) {
        Map<String, FunnelRow> actual = new TreeMap<>();
        if (dimension == Slice.Dimension.WEEK) {
            // Cohort weeks' rows are listed, a page at a time.
            FunnelView.SlicePosition after = null;
            do {
                FunnelView.SlicePage page = funnel.view().slices(dimension, null, null, null, null, after, 7);
                page.rows().stream().filter(row -> row.row().role().startsWith(run)).forEach(row ->
                        assertThat(actual.put(row.row().role() + "|" + row.row().location() + "|" + row.group(), row.row()))
                                .as("listed once").isNull());
                after = page.next();
            } while (after != null);
        } else {
            // Sources and declarations are summed over the rows asked for: ask for each row.
            for (FunnelRow row : funnel.rows()) {
                if (row.role().startsWith(run)) {
                    funnel.view().slices(dimension, null, null, row.role(), row.location(), null, 0).totals().forEach(total ->
                            actual.put(row.role() + "|" + row.location() + "|" + total.group(),
                                    new FunnelRow(row.role(), row.location(), total.row().reached(), total.row().passed(),
                                            total.row().rejected(), total.row().active(), total.row().conversion(),
                                            total.row().timeToStageMillis())));
                }
            }
        }
        assertThat(actual.keySet()).as("%s slices", dimension).isEqualTo(expected.keySet());
        // Slices by declaration are only counted: the adverse-impact check uses no times.
        expected.forEach((key, row) -> assertRow(actual.get(key), row, dimension != Slice.Dimension.DECLARATION));
        if (dimension == Slice.Dimension.DECLARATION) {
            assertThat(published.keySet()).as("slices by declaration are never published")
                    .noneMatch(key -> RowKey.parse(key).slice().dimension() == Slice.Dimension.DECLARATION);
            return;
        }
        assertThat(standing(published, run).stream().filter(key -> RowKey.parse(key).slice().dimension() == dimension)
                .collect(Collectors.toSet())).as("%s slices on the cohorts topic (a slice left empty is a tombstone)", dimension)
                .isEqualTo(actual.keySet().stream().map(key -> key.split("\\|"))
                        .map(parts -> new RowKey(parts[0], parts[1], new Slice(dimension, parts[2])).toKey())
                        .collect(Collectors.toSet()));
        actual.forEach((key, row) -> {
            String[] parts = key.split("\\|");
            RowKey slice = new RowKey(parts[0], parts[1], new Slice(dimension, parts[2]));
            FunnelCohortMetrics metrics = published.get(slice.toKey());
            assertThat(metrics).as("published %s", slice).isNotNull();
            assertThat(metrics.getDimension().name()).isEqualTo(dimension.name());
            assertThat(metrics.getGroup()).isEqualTo(parts[2]);
            assertThat(FunnelMetricsMapper.toRow(metrics.getRow())).isEqualTo(row);
        });
    }

    /** The keys of the run's rows whose latest record is a value, not a tombstone. */
    private static java.util.Set<String> standing(Map<String, ?> latest, String run) {
        return latest.entrySet().stream().filter(entry -> entry.getValue() != null && RowKey.parse(entry.getKey()).role().startsWith(run))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static void assertRow(FunnelRow actual, ReferenceFunnel.Row expected) {
        assertRow(actual, expected, true);
    }

    private static void assertRow(FunnelRow actual, ReferenceFunnel.Row expected, boolean timed) {
        for (Stage stage : Stage.values()) {
            assertThat(actual.reached().get(stage)).as("reached %s", stage).isEqualTo(expected.reached[stage.ordinal()]);
            assertThat(actual.active().get(stage)).as("active %s", stage).isEqualTo(expected.active[stage.ordinal()]);
        }
        assertThat(actual.passed().get(Stage.SCREENED)).as("passed SCREENED").isEqualTo(expected.passed[0]);
        assertThat(actual.passed().get(Stage.INTERVIEWED)).as("passed INTERVIEWED").isEqualTo(expected.passed[1]);
        assertThat(actual.rejected().get(Stage.SCREENED)).as("rejected SCREENED").isEqualTo(expected.rejected[0]);
        assertThat(actual.rejected().get(Stage.INTERVIEWED)).as("rejected INTERVIEWED").isEqualTo(expected.rejected[1]);
        for (Stage stage : timed ? List.of(Stage.SCREENED, Stage.INTERVIEWED, Stage.OFFERED) : List.<Stage>of()) {
            FunnelRow.Percentiles percentiles = actual.timeToStageMillis().get(stage);
            assertThat(percentiles.count()).as("time to %s count", stage).isEqualTo(expected.durations.get(stage).size());
            assertClose(percentiles.p50(), expected.percentile(stage, 0.5), "p50 to " + stage);
            assertClose(percentiles.p90(), expected.percentile(stage, 0.9), "p90 to " + stage);
        }
    }

    private static void assertClose(Long actual, Long expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isNotNull().isCloseTo(expected, withinPercentage(1));
        }
    }

    /** Applications of random shape: a random subset of stages, sometimes two conflicting events for a stage. */
    @Provide
    Arbitrary<List<List<StageEvent>>> applications() {
        return application().list().ofMinSize(1).ofMaxSize(25);
    }

    private Arbitrary<List<StageEvent>> application() {
        Arbitrary<String> roles = Arbitraries.of("Engineer", "Designer");
        Arbitrary<String> locations = Arbitraries.of(LOCATIONS);
        Arbitrary<List<StageEvent>> stageEvents = stageEvent().list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<String> sources = Arbitraries.of("REFERRAL", "JOB_BOARD", "AGENCY");
        return Combinators.combine(roles, locations, stageEvents, sources).as((role, location, events, source) -> {
            String application = UUID.randomUUID().toString();
            // About one event in five carries a corrected location: the application moves rows. Two
            // applied events of one application may name different sources: the standing one counts.
            return events.stream()
                    .map(e -> new StageEvent(e.eventId(), application, e.stage(), role,
                            e.occurredAt() / 3_600_000L % 5 == 0 ? corrected(location) : location,
                            e.occurredAt(), e.decision(), e.stage() != Stage.APPLIED ? null
                            : e.occurredAt() / 3_600_000L % 3 == 0 ? "OTHER" : source))
                    .toList();
        });
    }

    private static String corrected(String location) {
        return location.equals(LOCATIONS[0]) ? LOCATIONS[1] : LOCATIONS[0];
    }

    private Arbitrary<StageEvent> stageEvent() {
        Arbitrary<Stage> stages = Arbitraries.of(Stage.class);
        // Times over a year, in coarse steps so that equal times (and the eventId tie-break) happen.
        Arbitrary<Long> times = Arbitraries.longs().between(0, 365L * 24).map(hours -> 1_700_000_000_000L + hours * 3_600_000L);
        Arbitrary<Decision> decisions = Arbitraries.of(Decision.PASSED, Decision.PASSED, Decision.REJECTED, Decision.UNKNOWN);
        return Combinators.combine(stages, times, decisions).as((stage, at, decision) ->
                new StageEvent(UUID.randomUUID().toString(), "", stage, "", "", at, stage.decides() ? decision : Decision.NONE));
    }

    private static StageEvent rename(StageEvent event, String run) {
        return new StageEvent(event.eventId(), run + "-" + event.applicationId(), event.stage(), run + "-" + event.role(),
                event.location(), event.occurredAt(), event.decision(), event.source());
    }

    private static FunnelTestDriver driver() {
        if (driver == null) {
            driver = new FunnelTestDriver();
        }
        return driver;
    }
}
