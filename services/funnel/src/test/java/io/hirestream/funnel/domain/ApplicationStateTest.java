package io.hirestream.funnel.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationStateTest {

    private static StageEvent event(String id, Stage stage, long at, String role) {
        return new StageEvent(id, "a1", stage, role, "Remote, US", at, stage.decides() ? Decision.PASSED : Decision.NONE);
    }

    @Test
    void aDuplicateOrALaterEventForAStageReturnsTheSameState() {
        ApplicationState state = ApplicationState.EMPTY.with(event("e1", Stage.SCREENED, 100, "MLE"));

        assertThat(state.with(event("e1", Stage.SCREENED, 100, "MLE"))).isSameAs(state);
        assertThat(state.with(event("e2", Stage.SCREENED, 101, "MLE"))).isSameAs(state);
        assertThat(state.with(event("e0", Stage.SCREENED, 99, "MLE")).at(Stage.SCREENED).eventId()).isEqualTo("e0");
    }

    @Test
    void theRowComesFromTheLowestStageSoThatDisagreeingImportsStayDeterministic() {
        ApplicationState state = ApplicationState.EMPTY
                .with(event("e2", Stage.OFFERED, 500, "Imported Role"))
                .with(event("e1", Stage.APPLIED, 100, "MLE"));

        assertThat(state.row()).isEqualTo(new RowKey("MLE", "Remote, US"));
        assertThat(state.furthest()).isEqualTo(Stage.OFFERED);
        assertThat(state.millisToStage(Stage.OFFERED)).isEqualTo(400);
        assertThat(state.millisToStage(Stage.SCREENED)).isEqualTo(-1);
    }

    @Test
    void anApplicationCountsInItsRowItsCohortWeekOfTheAppliedEventAndItsSource() {
        long sundayNight = java.time.Instant.parse("2026-11-29T23:30:00Z").toEpochMilli();
        long mondayMorning = java.time.Instant.parse("2026-11-30T00:10:00Z").toEpochMilli();
        ApplicationState screenedFirst = ApplicationState.EMPTY.with(event("e2", Stage.SCREENED, mondayMorning + 60_000, "MLE"));
        RowKey row = new RowKey("MLE", "Remote, US");

        assertThat(screenedFirst.rows(java.util.EnumSet.of(Slice.Dimension.WEEK, Slice.Dimension.SOURCE))).as("no applied event: the earliest event's week, source unknown")
                .containsExactly(row, row.in(new Slice(Slice.Dimension.WEEK, "2026-W49")), row.in(new Slice(Slice.Dimension.SOURCE, "UNKNOWN")));

        ApplicationState applied = screenedFirst.with(new StageEvent("e1", "a1", Stage.APPLIED, "MLE", "Remote, US", sundayNight,
                Decision.NONE, "REFERRAL"));
        assertThat(applied.rows(java.util.EnumSet.of(Slice.Dimension.WEEK, Slice.Dimension.SOURCE))).as("the applied event's week (UTC, weeks start on Monday) and source")
                .containsExactly(row, row.in(new Slice(Slice.Dimension.WEEK, "2026-W48")), row.in(new Slice(Slice.Dimension.SOURCE, "REFERRAL")));
    }

    @Test
    void anApplicationCountsUnderItsLatestDeclarationAndAsDeclinedOnceItIsErased() {
        ApplicationState state = ApplicationState.EMPTY.with(event("e1", Stage.APPLIED, 100, "MLE"));
        Slice declined = new Slice(Slice.Dimension.DECLARATION, "DECLINED|DECLINED|DECLINED|DECLINED");
        assertThat(state.slice(Slice.Dimension.DECLARATION)).as("nothing declared").isEqualTo(declined);

        ApplicationState declared = state.with(new Declaration("FEMALE", "ASIAN", "DECLINED", "NO"));
        assertThat(declared.slice(Slice.Dimension.DECLARATION)).isEqualTo(new Slice(Slice.Dimension.DECLARATION, "FEMALE|ASIAN|DECLINED|NO"));
        assertThat(declared.with(new Declaration("FEMALE", "ASIAN", "DECLINED", "NO"))).as("the same again").isSameAs(declared);
        assertThat(declared.with(Declaration.NONE).slice(Slice.Dimension.DECLARATION)).as("erased").isEqualTo(declined);
        assertThat(declared.with(Declaration.NONE)).isEqualTo(state);
        assertThat(declared.toString()).as("never in a log line").doesNotContain("FEMALE");
    }

    @Test
    void cohortWeeksAreIsoWeeksAcrossTheTurnOfTheYear() {
        assertThat(Slice.week(java.time.Instant.parse("2027-01-01T12:00:00Z").toEpochMilli()).group()).isEqualTo("2026-W53");
        assertThat(Slice.week(java.time.Instant.parse("2027-01-04T00:00:00Z").toEpochMilli()).group()).isEqualTo("2027-W01");
        assertThat(Slice.week(java.time.Instant.parse("1969-12-31T23:59:59Z").toEpochMilli()).group()).isEqualTo("1970-W01");
    }

    @Test
    void aStageRecordedBeforeTheApplicationTakesNoTime() {
        ApplicationState state = ApplicationState.EMPTY
                .with(event("e1", Stage.APPLIED, 1_000, "MLE"))
                .with(event("e2", Stage.SCREENED, 400, "MLE"));

        assertThat(state.millisToStage(Stage.SCREENED)).isZero();
    }

    @Test
    void anEmptyStateCountsInNoRow() {
        assertThat(ApplicationState.EMPTY.isEmpty()).isTrue();
        assertThatThrownBy(ApplicationState.EMPTY::row).isInstanceOf(IllegalStateException.class);
    }
}
