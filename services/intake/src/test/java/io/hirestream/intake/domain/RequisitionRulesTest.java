package io.hirestream.intake.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequisitionRulesTest {

    static RequisitionRequest seed() {
        return new RequisitionRequest(" Machine Learning Engineer ", "Remote, US", "ML Research",
                new BigDecimal("158950"), new BigDecimal("327000"), "usd", 8, "masters", List.of("us", "US"), null);
    }

    @Test
    void theSeedPostingOpensNormalized() {
        OpeningRequisition opening = RequisitionRules.validate(seed());

        assertThat(opening.role()).isEqualTo("Machine Learning Engineer");
        assertThat(opening.salaryMin()).isEqualByComparingTo("158950.00");
        assertThat(opening.salaryMin().scale()).isEqualTo(2);
        assertThat(opening.currency()).isEqualTo("USD");
        assertThat(opening.minDegree()).isEqualTo("MASTERS");
        assertThat(opening.eligibleCountries()).containsExactly("US");
        assertThat(opening.interviewRounds()).isEmpty();
    }

    @Test
    void aBandUpsideDownIsRefusedNamingTheField() {
        var request = new RequisitionRequest("Role", "Berlin", "Data", new BigDecimal("90000"), new BigDecimal("80000"),
                "EUR", 3, "BACHELORS", List.of(), List.of("Phone screen", "Technical"));

        assertThatThrownBy(() -> RequisitionRules.validate(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("salaryMax");
                    assertThat(e.getMessage()).contains("salaryMin").contains("90000.00");
                });
    }

    @Test
    void codesMustBeRealCodes() {
        var badCurrency = new RequisitionRequest("Role", "Berlin", "Data", new BigDecimal("1"), new BigDecimal("2"),
                "DOLLARS", 3, "NONE", List.of(), null);
        var badCountry = new RequisitionRequest("Role", "Berlin", "Data", new BigDecimal("1"), new BigDecimal("2"),
                "EUR", 3, "NONE", List.of("XX"), null);
        var badMoney = new RequisitionRequest("Role", "Berlin", "Data", new BigDecimal("1.005"), new BigDecimal("2"),
                "EUR", 3, "NONE", List.of(), null);

        assertThatThrownBy(() -> RequisitionRules.validate(badCurrency)).hasMessageContaining("currency").hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> RequisitionRules.validate(badCountry)).hasMessageContaining("eligibleCountries").hasMessageContaining("'XX'");
        assertThatThrownBy(() -> RequisitionRules.validate(badMoney)).hasMessageContaining("salaryMin").hasMessageContaining("two decimals");
    }

    @Test
    void interviewRoundsBecomeNamesInUpperSnakeCase() {
        var request = new RequisitionRequest("Role", "Berlin", "Data", new BigDecimal("1"), new BigDecimal("2"),
                "EUR", 3, "NONE", List.of(), List.of("Phone screen", "System design", "phone screen"));

        assertThat(RequisitionRules.validate(request).interviewRounds()).containsExactly("PHONE_SCREEN", "SYSTEM_DESIGN");
    }
}
