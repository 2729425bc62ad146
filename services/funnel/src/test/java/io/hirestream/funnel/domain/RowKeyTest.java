package io.hirestream.funnel.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowKeyTest {

    @Test
    void theMetricsKeyIsAJsonArrayThatSurvivesQuotesCommasAndBackslashes() {
        RowKey tricky = new RowKey("Engineer, \"Platform\" \\ Infra", "São Paulo,\tBR");

        assertThat(new RowKey("Machine Learning Engineer", "Remote, US").toKey())
                .isEqualTo("[\"Machine Learning Engineer\",\"Remote, US\"]");
        assertThat(RowKey.parse(tricky.toKey())).isEqualTo(tricky);
    }
}
