package io.hirestream.funnel.topology;

import io.hirestream.events.FunnelMetrics;
import io.hirestream.funnel.FunnelTestDriver;
import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hirestream.funnel.Events.LOCATION;
import static io.hirestream.funnel.Events.ROLE;
import static io.hirestream.funnel.Events.applied;
import static io.hirestream.funnel.Events.hours;
import static io.hirestream.funnel.Events.in;
import static io.hirestream.funnel.Events.interviewed;
import static io.hirestream.funnel.Events.offered;
import static io.hirestream.funnel.Events.screened;
import static io.hirestream.funnel.domain.Decision.PASSED;
import static io.hirestream.funnel.domain.Decision.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/** Each rule of the funnel semantics ("What the numbers mean", services/funnel/README.md), through the real topology. */
class FunnelTopologyTest {

    private final FunnelTestDriver funnel = new FunnelTestDriver();

    @AfterEach
    void close() {
        funnel.close();
    }

    @Test
    void countsEachApplicationOnceWhenEventsAreDuplicated() {
        StageEvent applied = applied("a1", hours(0));
        StageEvent screened = screened("a1", hours(20), PASSED);

        funnel.pipeAll(List.of(applied, applied, screened, applied, screened, screened));

        FunnelRow row = funnel.row(ROLE, LOCATION);
        assertThat(row.reached()).containsEntry(Stage.APPLIED, 1L).containsEntry(Stage.SCREENED, 1L);
        assertThat(row.passed()).containsEntry(Stage.SCREENED, 1L);
        assertThat(row.active()).containsEntry(Stage.SCREENED, 1L).containsEntry(Stage.APPLIED, 0L);
        assertThat(row.timeToStageMillis().get(Stage.SCREENED).count()).isEqualTo(1);
        assertWithinOnePercent(row.timeToStageMillis().get(Stage.SCREENED).p50(), 20 * 3_600_000L);
    }

    @Test
    void anOfferThatArrivesBeforeItsApplicationCountsTheSameAsInOrder() {
        funnel.pipe(offered("a1", hours(300)));
        FunnelRow beforeApplied = funnel.row(ROLE, LOCATION);
        funnel.pipe(applied("a1", hours(0)));

        FunnelRow row = funnel.row(ROLE, LOCATION);
        assertThat(beforeApplied.reached()).containsEntry(Stage.APPLIED, 1L).containsEntry(Stage.OFFERED, 1L);
        assertThat(beforeApplied.timeToStageMillis().get(Stage.OFFERED).count()).isZero();
        assertThat(row.reached()).containsEntry(Stage.APPLIED, 1L).containsEntry(Stage.SCREENED, 1L)
                .containsEntry(Stage.INTERVIEWED, 1L).containsEntry(Stage.OFFERED, 1L);
        assertThat(row.active()).containsEntry(Stage.OFFERED, 1L).containsEntry(Stage.APPLIED, 0L);
        assertWithinOnePercent(row.timeToStageMillis().get(Stage.OFFERED).p50(), 300 * 3_600_000L);
        assertThat(row.conversion()).containsEntry(FunnelRow.OVERALL, 1.0);
    }

    @Test
    void aSkippedStageCountsAsReachedAndPassed() {
        funnel.pipeAll(List.of(applied("a1", hours(0)), interviewed("a1", hours(100), REJECTED)));

        FunnelRow row = funnel.row(ROLE, LOCATION);
        assertThat(row.reached()).containsEntry(Stage.SCREENED, 1L).containsEntry(Stage.INTERVIEWED, 1L);
        assertThat(row.passed()).containsEntry(Stage.SCREENED, 1L).containsEntry(Stage.INTERVIEWED, 0L);
        assertThat(row.rejected()).containsEntry(Stage.INTERVIEWED, 1L).containsEntry(Stage.SCREENED, 0L);
        assertThat(row.active()).containsEntry(Stage.INTERVIEWED, 0L);
        assertThat(row.timeToStageMillis().get(Stage.SCREENED).count()).isZero();
        assertWithinOnePercent(row.timeToStageMillis().get(Stage.INTERVIEWED).p90(), 100 * 3_600_000L);
    }

    @Test
    void anOrphanLateStageWithoutAnApplicationStillCountsButHasNoTimeToStage() {
        funnel.pipe(screened("orphan", hours(5), REJECTED));

        FunnelRow row = funnel.row(ROLE, LOCATION);
        assertThat(row.reached()).containsEntry(Stage.APPLIED, 1L).containsEntry(Stage.SCREENED, 1L);
        assertThat(row.rejected()).containsEntry(Stage.SCREENED, 1L);
        assertThat(row.active()).containsEntry(Stage.APPLIED, 0L).containsEntry(Stage.SCREENED, 0L);
        assertThat(row.timeToStageMillis().get(Stage.SCREENED).count()).isZero();
        assertThat(row.timeToStageMillis().get(Stage.SCREENED).p50()).isNull();
    }

    @Test
    void aLaterArrivingEarlierEventDisplacesTheOneCountedAndRetractsItsContribution() {
        funnel.pipeAll(List.of(applied("a1", hours(0)), screened("a1", hours(48), REJECTED)));
        FunnelRow first = funnel.row(ROLE, LOCATION);

        funnel.pipe(screened("a1", hours(24), PASSED));

        FunnelRow row = funnel.row(ROLE, LOCATION);
        assertThat(first.rejected()).containsEntry(Stage.SCREENED, 1L);
        assertWithinOnePercent(first.timeToStageMillis().get(Stage.SCREENED).p50(), 48 * 3_600_000L);
        assertThat(row.rejected()).containsEntry(Stage.SCREENED, 0L);
        assertThat(row.passed()).containsEntry(Stage.SCREENED, 1L);
        assertThat(row.active()).containsEntry(Stage.SCREENED, 1L);
        assertThat(row.timeToStageMillis().get(Stage.SCREENED).count()).isEqualTo(1);
        assertWithinOnePercent(row.timeToStageMillis().get(Stage.SCREENED).p50(), 24 * 3_600_000L);
    }

    @Test
    void aConflictingLaterEventForAStageChangesNothing() {
        funnel.pipeAll(List.of(applied("a1", hours(0)), screened("a1", hours(24), PASSED)));
        FunnelRow before = funnel.row(ROLE, LOCATION);

        funnel.pipe(screened("a1", hours(30), REJECTED));

        assertThat(funnel.row(ROLE, LOCATION)).isEqualTo(before);
    }

    @Test
    void equalTimesAreBrokenByTheSmallestEventId() {
        StageEvent rejected = new StageEvent("00000000-0000-0000-0000-000000000002", "a1", Stage.SCREENED, ROLE, LOCATION,
                hours(10), REJECTED);
        StageEvent passed = new StageEvent("00000000-0000-0000-0000-000000000001", "a1", Stage.SCREENED, ROLE, LOCATION,
                hours(10), PASSED);

        funnel.pipeAll(List.of(applied("a1", hours(0)), rejected, passed));

        assertThat(funnel.row(ROLE, LOCATION).passed()).containsEntry(Stage.SCREENED, 1L);
        assertThat(funnel.row(ROLE, LOCATION).rejected()).containsEntry(Stage.SCREENED, 0L);
    }

    @Test
    void rollupsSumCountsAndRecomputeRatesInsteadOfAveragingThem() {
        funnel.pipeAll(List.of(
                applied("a1", hours(0)), screened("a1", hours(10), PASSED),
                in(applied("a2", hours(0)), ROLE, "Berlin"),
                in(applied("a3", hours(0)), ROLE, "Berlin"),
                in(applied("a4", hours(0)), ROLE, "Berlin"),
                in(screened("a4", hours(30), PASSED), ROLE, "Berlin"),
                in(applied("a5", hours(0)), "Data Engineer", "Berlin")));

        FunnelRow mle = funnel.view().byRole(null, 100).rows().stream().filter(r -> ROLE.equals(r.role())).findFirst().orElseThrow();
        FunnelRow berlin = funnel.view().byLocation(null, 100).rows().stream().filter(r -> "Berlin".equals(r.location())).findFirst().orElseThrow();
        FunnelRow total = funnel.view().rows(null, null, null, 1).total();

        assertThat(mle.location()).isNull();
        assertThat(mle.reached()).containsEntry(Stage.APPLIED, 4L).containsEntry(Stage.SCREENED, 2L);
        assertThat(mle.conversion()).containsEntry(FunnelRow.APPLIED_TO_SCREENED, 0.5);
        assertThat(berlin.role()).isNull();
        assertThat(berlin.reached()).containsEntry(Stage.APPLIED, 4L).containsEntry(Stage.SCREENED, 1L);
        assertThat(berlin.conversion()).containsEntry(FunnelRow.APPLIED_TO_SCREENED, 0.25);
        assertThat(total.reached()).containsEntry(Stage.APPLIED, 5L).containsEntry(Stage.SCREENED, 2L);
        assertThat(total.conversion()).containsEntry(FunnelRow.APPLIED_TO_SCREENED, 0.4);
        assertThat(total.timeToStageMillis().get(Stage.SCREENED).count()).isEqualTo(2);
    }

    @Test
    void everyChangedRowIsPublishedWholeToTheMetricsTopic() {
        funnel.pipeAll(List.of(applied("a1", hours(0)), screened("a1", hours(10), PASSED),
                in(applied("a2", hours(1)), "Data Engineer", "Berlin")));
        funnel.emit();

        Map<String, FunnelMetrics> metrics = funnel.latestMetrics();

        assertThat(metrics).containsOnlyKeys(new RowKey(ROLE, LOCATION).toKey(), new RowKey("Data Engineer", "Berlin").toKey());
        FunnelMetrics mle = metrics.get("[\"Machine Learning Engineer\",\"Remote, US\"]");
        assertThat(mle.getReached().getApplied()).isEqualTo(1);
        assertThat(mle.getReached().getScreened()).isEqualTo(1);
        assertThat(mle.getPassed().getScreened()).isEqualTo(1);
        assertThat(mle.getConversion().getAppliedToScreened()).isEqualTo(1.0);
        assertWithinOnePercent(mle.getTimeToStageMillis().getScreened().getP50(), 10 * 3_600_000L);
        assertThat(FunnelMetricsMapper.toRow(mle)).isEqualTo(funnel.row(ROLE, LOCATION));

        funnel.pipe(in(screened("a2", hours(5), REJECTED), "Data Engineer", "Berlin"));
        funnel.emit();
        Map<String, FunnelMetrics> next = funnel.latestMetrics();

        assertThat(next).containsOnlyKeys(new RowKey("Data Engineer", "Berlin").toKey());
        assertThat(next.values().iterator().next().getRejected().getScreened()).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextEventIsCounted() {
        funnel.pipeRawApplied("bad", "not avro".getBytes());
        funnel.pipe(applied("a1", hours(0)));

        assertThat(funnel.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(new String(letter.value)).isEqualTo("not avro"));
        assertThat(funnel.row(ROLE, LOCATION).reached()).containsEntry(Stage.APPLIED, 1L);
    }

    /** Percentiles are within 1% of the exact value (the contract's bound). */
    private static void assertWithinOnePercent(Long actual, long expected) {
        assertThat(actual).isNotNull().isCloseTo(expected, withinPercentage(1));
    }
}
