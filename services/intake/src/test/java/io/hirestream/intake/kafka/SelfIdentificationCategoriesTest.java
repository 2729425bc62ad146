package io.hirestream.intake.kafka;

import io.hirestream.events.DisabilityStatus;
import io.hirestream.events.RaceEthnicity;
import io.hirestream.events.Sex;
import io.hirestream.events.VeteranStatus;
import io.hirestream.intake.domain.SelfIdentification;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The categories intake takes are exactly those the self-identification schema can carry. */
class SelfIdentificationCategoriesTest {

    @Test
    void everyCategoryIntakeTakesIsASymbolOfTheSchemaAndBack() {
        assertThat(SelfIdentification.SEXES).isEqualTo(Sex.SCHEMA$.getEnumSymbols());
        assertThat(SelfIdentification.RACES_ETHNICITIES).isEqualTo(RaceEthnicity.SCHEMA$.getEnumSymbols());
        assertThat(SelfIdentification.VETERAN_STATUSES).isEqualTo(VeteranStatus.SCHEMA$.getEnumSymbols());
        assertThat(SelfIdentification.DISABILITY_STATUSES).isEqualTo(DisabilityStatus.SCHEMA$.getEnumSymbols());
    }
}
