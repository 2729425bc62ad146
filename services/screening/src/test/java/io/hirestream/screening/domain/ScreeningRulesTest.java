package io.hirestream.screening.domain;

import io.hirestream.screening.domain.ScreeningRules.Applicant;
import io.hirestream.screening.domain.ScreeningRules.Reason;
import io.hirestream.screening.domain.ScreeningRules.Requirements;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed posting: Machine Learning Engineer, Remote (US only), 8+ years, MS or PhD. */
class ScreeningRulesTest {

    private static final Requirements SEED = new Requirements(true, 8, "MASTERS", Set.of("US"));

    @Test
    void aUsApplicantWithNineYearsAndAPhdPasses() {
        var decision = ScreeningRules.screen(SEED, new Applicant(9, "PHD", "US"));

        assertThat(decision.passed()).isTrue();
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void aCanadianIsRejectedForLocation() {
        assertThat(ScreeningRules.screen(SEED, new Applicant(9, "PHD", "CA")).reasons())
                .containsExactly(Reason.LOCATION_NOT_ELIGIBLE);
    }

    @Test
    void fiveYearsIsBelowTheMinimum() {
        assertThat(ScreeningRules.screen(SEED, new Applicant(5, "PHD", "US")).reasons())
                .containsExactly(Reason.EXPERIENCE_BELOW_MINIMUM);
    }

    @Test
    void aBachelorsIsBelowTheMinimumDegree() {
        assertThat(ScreeningRules.screen(SEED, new Applicant(9, "BACHELORS", "US")).reasons())
                .containsExactly(Reason.DEGREE_BELOW_MINIMUM);
    }

    @Test
    void everyFailingRuleIsAReason() {
        var decision = ScreeningRules.screen(SEED, new Applicant(2, "NONE", "DE"));

        assertThat(decision.passed()).isFalse();
        assertThat(decision.reasons()).containsExactlyInAnyOrder(Reason.LOCATION_NOT_ELIGIBLE,
                Reason.EXPERIENCE_BELOW_MINIMUM, Reason.DEGREE_BELOW_MINIMUM);
    }

    @Test
    void noCountryListMeansAnywhereAndAClosedRequisitionRejects() {
        var anywhere = new Requirements(true, 0, "NONE", Set.of());
        var closed = new Requirements(false, 0, "NONE", Set.of());

        assertThat(ScreeningRules.screen(anywhere, new Applicant(0, "NONE", "NZ")).passed()).isTrue();
        assertThat(ScreeningRules.screen(closed, new Applicant(0, "NONE", "NZ")).reasons()).containsExactly(Reason.REQUISITION_NOT_OPEN);
        assertThat(ScreeningRules.screen(null, new Applicant(0, "NONE", "NZ")).reasons()).containsExactly(Reason.REQUISITION_UNKNOWN);
    }

    @Test
    void aDegreeTheReaderDoesNotKnowDoesNotMeetAMinimum() {
        assertThat(ScreeningRules.screen(SEED, new Applicant(9, "UNKNOWN", "US")).reasons())
                .containsExactly(Reason.DEGREE_BELOW_MINIMUM);
    }
}
