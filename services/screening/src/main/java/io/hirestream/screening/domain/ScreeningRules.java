package io.hirestream.screening.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The screening rules: an applicant passes when every requirement of the requisition holds, and
 * every requirement that fails is given as a reason. The rules are versioned so that a decision
 * can be explained later by the rules that made it.
 */
public final class ScreeningRules {

    /** Bump when a rule changes meaning; it travels in every screened event. */
    public static final String VERSION = "screening-rules/1";

    private static final List<String> DEGREES = List.of("NONE", "BACHELORS", "MASTERS", "PHD");

    private ScreeningRules() {
    }

    /**
     * @param requisition what the requisition requires, or null where it is not known
     * @param applicant   what the applicant stated
     */
    public static Decision screen(Requirements requisition, Applicant applicant) {
        if (requisition == null) {
            return Decision.rejected(List.of(Reason.REQUISITION_UNKNOWN));
        }
        List<Reason> reasons = new ArrayList<>();
        if (!requisition.open()) {
            reasons.add(Reason.REQUISITION_NOT_OPEN);
        }
        if (!requisition.eligibleCountries().isEmpty() && !requisition.eligibleCountries().contains(applicant.country())) {
            reasons.add(Reason.LOCATION_NOT_ELIGIBLE);
        }
        if (applicant.yearsOfExperience() < requisition.minYearsOfExperience()) {
            reasons.add(Reason.EXPERIENCE_BELOW_MINIMUM);
        }
        if (rank(applicant.degree()) < rank(requisition.minDegree())) {
            reasons.add(Reason.DEGREE_BELOW_MINIMUM);
        }
        return reasons.isEmpty() ? Decision.PASSED : Decision.rejected(reasons);
    }

    /** A degree's place in NONE &lt; BACHELORS &lt; MASTERS &lt; PHD; one not known ranks below NONE. */
    static int rank(String degree) {
        return DEGREES.indexOf(degree);
    }

    /**
     * What a requisition requires.
     *
     * @param open                 whether it takes applications
     * @param minYearsOfExperience minimum years
     * @param minDegree            NONE, BACHELORS, MASTERS or PHD
     * @param eligibleCountries    ISO codes; empty means anywhere
     */
    public record Requirements(boolean open, int minYearsOfExperience, String minDegree, Set<String> eligibleCountries) {
        public Requirements {
            eligibleCountries = Set.copyOf(eligibleCountries);
        }
    }

    /**
     * What an applicant stated.
     *
     * @param yearsOfExperience years of relevant experience
     * @param degree            highest degree
     * @param country           ISO code of the country of residence
     */
    public record Applicant(int yearsOfExperience, String degree, String country) {
    }

    /** Why an application was rejected; each failing rule is one reason. */
    public enum Reason {
        LOCATION_NOT_ELIGIBLE, EXPERIENCE_BELOW_MINIMUM, DEGREE_BELOW_MINIMUM, REQUISITION_NOT_OPEN, REQUISITION_UNKNOWN
    }

    /** The outcome of screening, with every reason for a rejection. */
    public record Decision(boolean passed, List<Reason> reasons) {

        public static final Decision PASSED = new Decision(true, List.of());

        public Decision {
            reasons = List.copyOf(reasons);
        }

        static Decision rejected(List<Reason> reasons) {
            return new Decision(false, reasons);
        }
    }
}
