package io.hirestream.funnel.domain;

/**
 * What a candidate declared for equal-opportunity monitoring, as the funnel counts it: one value
 * per category, {@link #DECLINED} where they declared nothing. Used for aggregate selection rates
 * by group only; never shown per application.
 *
 * @param sex           e.g. FEMALE
 * @param raceEthnicity e.g. ASIAN
 * @param veteran       e.g. PROTECTED_VETERAN
 * @param disability    e.g. NO
 */
public record Declaration(String sex, String raceEthnicity, String veteran, String disability) implements ApplicationEvent {

    public static final String DECLINED = "DECLINED";
    /** An application that declared nothing (or whose declaration was erased) counts as declined in every category. */
    public static final Declaration NONE = new Declaration(DECLINED, DECLINED, DECLINED, DECLINED);
    private static final char SEPARATOR = '|';

    /** The group of the slice by declaration: every category, in order, e.g. {@code FEMALE|ASIAN|DECLINED|NO}. */
    String group() {
        return sex + SEPARATOR + raceEthnicity + SEPARATOR + veteran + SEPARATOR + disability;
    }

    /** The declaration a slice's group names. */
    static Declaration ofGroup(String group) {
        String[] parts = group.split("\\|", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a declaration group: " + group);
        }
        return new Declaration(parts[0], parts[1], parts[2], parts[3]);
    }
}
