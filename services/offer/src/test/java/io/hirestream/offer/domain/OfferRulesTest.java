package io.hirestream.offer.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class OfferRulesTest {

    /** The seed posting: Machine Learning Engineer, 158,950 to 327,000 USD, 8+ years. */
    private static final Band SEED = new Band(new BigDecimal("158950.00"), new BigDecimal("327000.00"), "USD", 8);

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 8, 9, 12, 17, 18, 25, 60})
    void everyProposalForTheSeedRequisitionLiesInsideItsBand(int years) {
        BigDecimal offer = OfferRules.propose(SEED, years);

        assertThat(offer).isBetween(new BigDecimal("158950.00"), new BigDecimal("327000.00"));
        assertThat(offer.scale()).isEqualTo(2);
    }

    @Test
    void theMinimumYearsGetTheBottomOfTheBandAndEachYearBeyondMovesATenthOfTheWayUp() {
        assertThat(OfferRules.propose(SEED, 8)).isEqualByComparingTo("158950.00");
        // 158,950 + 168,050 / 10 = 175,755, rounded down to a whole 100.
        assertThat(OfferRules.propose(SEED, 9)).isEqualByComparingTo("175700.00");
        assertThat(OfferRules.propose(SEED, 13)).isEqualByComparingTo("242900.00");
        assertThat(OfferRules.propose(SEED, 18)).isEqualByComparingTo("327000.00");
        assertThat(OfferRules.propose(SEED, 40)).isEqualByComparingTo("327000.00");
    }

    @Test
    void moreExperienceNeverProposesLess() {
        BigDecimal previous = BigDecimal.ZERO;
        for (int years = 0; years <= 30; years++) {
            BigDecimal offer = OfferRules.propose(SEED, years);
            assertThat(offer).isGreaterThanOrEqualTo(previous);
            previous = offer;
        }
    }

    @Test
    void aBandNarrowerThanAHundredStillGetsAnAmountInsideIt() {
        Band narrow = new Band(new BigDecimal("50010.00"), new BigDecimal("50050.00"), "EUR", 2);

        assertThat(OfferRules.propose(narrow, 3)).isBetween(new BigDecimal("50010.00"), new BigDecimal("50050.00"));
    }
}
