package io.hirestream.funnel.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The adverse-impact check as compliance reads it: rates, the four-fifths flag, Fisher's p-value, suppression. */
class AdverseImpactTest {

    @Test
    void aGroupSelectedAtUnderFourFifthsOfTheHighestRateIsFlaggedWithFishersPValue() {
        Map<String, FunnelRow> byDeclaration = new HashMap<>();
        // Screening: 30 of 100 women pass, 50 of 100 men (two declarations each, which the check sums).
        byDeclaration.put("FEMALE|ASIAN|DECLINED|NO", screened(60, 20));
        byDeclaration.put("FEMALE|WHITE|DECLINED|NO", screened(40, 10));
        byDeclaration.put("MALE|ASIAN|DECLINED|NO", screened(50, 25));
        byDeclaration.put("MALE|WHITE|DECLINED|NO", screened(50, 25));

        AdverseImpact.StageGroups screening = AdverseImpact.check(byDeclaration, AdverseImpact.Dimension.SEX, 10).getFirst();

        assertThat(screening.stage()).isEqualTo(Stage.SCREENED);
        AdverseImpact.Group women = group(screening, "FEMALE");
        AdverseImpact.Group men = group(screening, "MALE");
        assertThat(women.considered()).isEqualTo(100);
        assertThat(women.selected()).isEqualTo(30);
        assertThat(women.impactRatio()).isCloseTo(0.6, within(1e-9));
        assertThat(women.flagged()).isTrue();
        // Fisher's exact test, two-sided, of 30/100 against 50/100.
        assertThat(women.pValue()).isBetween(0.005, 0.007);
        assertThat(men.impactRatio()).isEqualTo(1.0);
        assertThat(men.flagged()).isFalse();
        assertThat(men.pValue()).as("the reference is not tested against itself").isNull();
    }

    @Test
    void aSmallGroupIsSuppressedAndNeverTheReferenceAndTheDeclinedAreNeverFlagged() {
        Map<String, FunnelRow> byDeclaration = new HashMap<>();
        byDeclaration.put("FEMALE|ASIAN|DECLINED|NO", screened(40, 20));
        byDeclaration.put("FEMALE|HISPANIC_OR_LATINO|DECLINED|NO", screened(5, 5));
        byDeclaration.put("MALE|DECLINED|DECLINED|NO", screened(30, 3));

        List<AdverseImpact.Group> groups = AdverseImpact.check(byDeclaration, AdverseImpact.Dimension.RACE_ETHNICITY, 10)
                .getFirst().groups();

        AdverseImpact.Group hispanic = groups.stream().filter(g -> g.group().equals("HISPANIC_OR_LATINO")).findFirst().orElseThrow();
        assertThat(hispanic.suppressed()).isTrue();
        assertThat(hispanic.considered()).as("counts hidden").isNull();
        assertThat(hispanic.selectionRate()).isNull();
        AdverseImpact.Group asian = groups.stream().filter(g -> g.group().equals("ASIAN")).findFirst().orElseThrow();
        assertThat(asian.impactRatio()).as("the reference: 100% of the suppressed group does not count").isEqualTo(1.0);
        AdverseImpact.Group declined = groups.getLast();
        assertThat(declined.group()).isEqualTo("DECLINED");
        assertThat(declined.impactRatio()).isCloseTo(0.2, within(1e-9));
        assertThat(declined.flagged()).isFalse();
    }

    @Test
    void theIntersectionOfSexAndRaceIsItsOwnGroupAndDeclinedWhereEitherIs() {
        Map<String, FunnelRow> byDeclaration = Map.of("FEMALE|ASIAN|DECLINED|NO", screened(20, 10),
                "FEMALE|DECLINED|DECLINED|NO", screened(20, 10));

        assertThat(AdverseImpact.check(byDeclaration, AdverseImpact.Dimension.SEX_AND_RACE_ETHNICITY, 10).getFirst().groups())
                .extracting(AdverseImpact.Group::group).containsExactly("FEMALE/ASIAN", "DECLINED");
    }

    private static AdverseImpact.Group group(AdverseImpact.StageGroups stage, String name) {
        return stage.groups().stream().filter(g -> g.group().equals(name)).findFirst().orElseThrow();
    }

    /** Counts of applications that applied, of which some passed screening and the rest were rejected there. */
    private static FunnelRow screened(int applied, int passed) {
        FunnelCounts counts = new FunnelCounts();
        for (int i = 0; i < applied; i++) {
            ApplicationState application = ApplicationState.EMPTY
                    .with(new StageEvent("a" + i, "app" + i, Stage.APPLIED, "MLE", "Remote", 0, Decision.NONE))
                    .with(new StageEvent("s" + i, "app" + i, Stage.SCREENED, "MLE", "Remote", 1, i < passed ? Decision.PASSED
                            : Decision.REJECTED));
            counts.add(application, 1);
        }
        return FunnelRow.of("MLE", "Remote", counts);
    }
}
