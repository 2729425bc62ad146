package io.hirestream.funnel.domain;

/** What an event says about its stage. APPLIED and OFFERED events decide nothing. */
public enum Decision {
    /** The stage's event carries no decision. */
    NONE,
    PASSED,
    REJECTED,
    /** A decision a newer writer added that this reader does not know: neither passed nor rejected. */
    UNKNOWN;

    private static final Decision[] ALL = values();

    public static Decision of(int ordinal) {
        return ALL[ordinal];
    }
}
