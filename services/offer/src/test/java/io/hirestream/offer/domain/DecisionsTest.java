package io.hirestream.offer.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionsTest {

    private static final OfferCase DRAFT = new OfferCase("a1", "r1", "Machine Learning Engineer", "Remote, US", "USD",
            new BigDecimal("158950.00"), new BigDecimal("327000.00"), 9, new BigDecimal("175700.00"),
            new BigDecimal("175700.00"), OfferCase.DRAFT, 1_000, 0, null, Map.of());

    @Test
    void anAdjustmentInsideTheBandChangesTheAmountAndKeepsTheDraft() {
        OfferCase adjusted = Decisions.apply(DRAFT, "ADJUST", new BigDecimal("190000.00"), 2_000, "rita");

        assertThat(adjusted.baseSalary()).isEqualByComparingTo("190000.00");
        assertThat(adjusted.proposedSalary()).isEqualByComparingTo("175700.00");
        assertThat(adjusted.isDraft()).isTrue();
    }

    @Test
    void anAmountOutsideTheBandIsRefusedAndChangesNothing() {
        assertThat(Decisions.check(DRAFT, "ADJUST", new BigDecimal("327000.01"))).isEqualTo(Decisions.Check.OUTSIDE_BAND);
        assertThat(Decisions.check(DRAFT, "APPROVE", new BigDecimal("158949.99"))).isEqualTo(Decisions.Check.OUTSIDE_BAND);
        assertThat(Decisions.apply(DRAFT, "ADJUST", new BigDecimal("400000.00"), 2_000, "rita")).isSameAs(DRAFT);
    }

    @Test
    void theBandsEdgesAreInsideIt() {
        assertThat(Decisions.check(DRAFT, "ADJUST", new BigDecimal("158950"))).isEqualTo(Decisions.Check.OK);
        assertThat(Decisions.check(DRAFT, "ADJUST", new BigDecimal("327000.00"))).isEqualTo(Decisions.Check.OK);
    }

    @Test
    void approvalExtendsAtTheAmountAsItStandsOrAtTheOneGiven() {
        OfferCase asItStands = Decisions.apply(DRAFT, "APPROVE", null, 3_000, "rita");
        OfferCase atAmount = Decisions.apply(DRAFT, "APPROVE", new BigDecimal("200000.00"), 3_000, "rita");

        assertThat(asItStands.status()).isEqualTo(OfferCase.EXTENDED);
        assertThat(asItStands.baseSalary()).isEqualByComparingTo("175700.00");
        assertThat(asItStands.decidedBy()).isEqualTo("rita");
        assertThat(atAmount.baseSalary()).isEqualByComparingTo("200000.00");
    }

    @Test
    void aDecidedOfferTakesNoFurtherDecision() {
        OfferCase withdrawn = Decisions.apply(DRAFT, "WITHDRAW", null, 3_000, "rita");

        assertThat(withdrawn.status()).isEqualTo(OfferCase.WITHDRAWN);
        assertThat(Decisions.check(withdrawn, "APPROVE", null)).isEqualTo(Decisions.Check.NOT_A_DRAFT);
        assertThat(Decisions.apply(withdrawn, "APPROVE", null, 4_000, "rita")).isSameAs(withdrawn);
        assertThat(Decisions.check(null, "APPROVE", null)).isEqualTo(Decisions.Check.NO_OFFER);
    }
}
