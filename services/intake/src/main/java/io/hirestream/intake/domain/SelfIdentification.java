package io.hirestream.intake.domain;

import java.util.List;

/**
 * What a candidate chose to declare for equal-opportunity monitoring, in the EEO-1 categories;
 * each {@link #DECLINED} where they chose not to. Voluntary: an application without it is as good
 * as any other, and it is counted as declined.
 *
 * @param sex           one of {@link #SEXES}
 * @param raceEthnicity one of {@link #RACES_ETHNICITIES}
 * @param veteran       one of {@link #VETERAN_STATUSES}
 * @param disability    one of {@link #DISABILITY_STATUSES}
 */
public record SelfIdentification(String sex, String raceEthnicity, String veteran, String disability) {

    public static final String DECLINED = "DECLINED";
    public static final List<String> SEXES = List.of("FEMALE", "MALE", DECLINED);
    public static final List<String> RACES_ETHNICITIES = List.of("HISPANIC_OR_LATINO", "WHITE", "BLACK_OR_AFRICAN_AMERICAN",
            "NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER", "ASIAN", "AMERICAN_INDIAN_OR_ALASKA_NATIVE", "TWO_OR_MORE_RACES", DECLINED);
    public static final List<String> VETERAN_STATUSES = List.of("PROTECTED_VETERAN", "NOT_A_PROTECTED_VETERAN", DECLINED);
    public static final List<String> DISABILITY_STATUSES = List.of("YES", "NO", DECLINED);
}
