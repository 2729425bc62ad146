package io.hirestream.funnel.domain;

/** The stages of an application, in funnel order: APPLIED &lt; SCREENED &lt; INTERVIEWED &lt; OFFERED. */
public enum Stage {
    APPLIED, SCREENED, INTERVIEWED, OFFERED;

    private static final Stage[] ALL = values();

    /** Every stage in funnel order, for code that runs per event: {@code values()} copies its array on every call. */
    public static final java.util.List<Stage> IN_ORDER = java.util.List.of(ALL);

    public static Stage of(int ordinal) {
        return ALL[ordinal];
    }

    /** The stages that decide (and so have passed and rejected counts). */
    public boolean decides() {
        return this == SCREENED || this == INTERVIEWED;
    }
}
