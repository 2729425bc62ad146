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
