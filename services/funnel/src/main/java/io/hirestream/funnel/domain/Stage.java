package io.hirestream.funnel.domain;

/** The stages of an application, in funnel order: APPLIED &lt; SCREENED &lt; INTERVIEWED &lt; OFFERED. */
public enum Stage {
    APPLIED, SCREENED, INTERVIEWED, OFFERED;

    private static final Stage[] ALL = values();

    public static Stage of(int ordinal) {
        return ALL[ordinal];
    }

    /** The stages that decide (and so have passed and rejected counts). */
    public boolean decides() {
        return this == SCREENED || this == INTERVIEWED;
    }
}
