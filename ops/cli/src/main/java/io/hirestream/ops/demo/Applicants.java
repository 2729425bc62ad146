package io.hirestream.ops.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Made-up applicants in a realistic mix: most live where the posting is open, some do not; years
 * of experience spread around the usual asks; degrees from none to PhD; sources as a careers
 * team sees them; most declare their sex, race or ethnicity, veteran and disability status for
 * equal-opportunity monitoring, some decline. Enough of each that every screening rule passes and
 * fails now and then.
 */
final class Applicants {

    private static final List<String> FIRST = List.of("Ada", "Grace", "Alan", "Katherine", "Linus", "Barbara", "Edsger",
            "Margaret", "Donald", "Frances", "Tim", "Radia", "Ken", "Shafi", "Leslie", "Yoshua", "Fei-Fei", "Geoffrey");
    private static final List<String> LAST = List.of("Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Liskov",
            "Dijkstra", "Hamilton", "Knuth", "Allen", "Berners-Lee", "Perlman", "Thompson", "Goldwasser", "Lamport", "Bengio");
    private static final List<String> ELSEWHERE = List.of("IN", "BR", "MX", "NG", "JP", "ES", "AU");
    private static final List<String> SOURCES = List.of("CAREERS_SITE", "CAREERS_SITE", "CAREERS_SITE", "JOB_BOARD",
            "JOB_BOARD", "REFERRAL", "REFERRAL", "AGENCY", "SOURCED");
    private static final List<String> DEGREES = List.of("NONE", "BACHELORS", "BACHELORS", "BACHELORS", "MASTERS",
            "MASTERS", "MASTERS", "PHD", "PHD");

    private static final List<String> RACES_ETHNICITIES = List.of("WHITE", "WHITE", "WHITE", "ASIAN", "ASIAN",
            "HISPANIC_OR_LATINO", "BLACK_OR_AFRICAN_AMERICAN", "TWO_OR_MORE_RACES", "AMERICAN_INDIAN_OR_ALASKA_NATIVE",
            "NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER", "DECLINED");

    private final RandomGenerator random;
    private long serial;

    Applicants(RandomGenerator random) {
        this.random = random;
    }

    /** An application to the requisition, as intake's API takes it. */
    Map<String, Object> applicationTo(String requisitionId, List<String> eligibleCountries) {
        String first = pick(FIRST);
        String last = pick(LAST);
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("name", first + " " + last);
        candidate.put("email", (first + "." + last + "." + (++serial)).toLowerCase().replaceAll("[^a-z0-9.]", "") + "@example.org");
        // Four in five live where the posting is open.
        candidate.put("countryOfResidence", random.nextInt(5) < 4 ? pick(eligibleCountries) : pick(ELSEWHERE));
        candidate.put("yearsOfExperience", (int) Math.max(0, Math.round(random.nextGaussian(8, 4))));
        candidate.put("highestDegree", pick(DEGREES));
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("requisitionId", requisitionId);
        application.put("source", pick(SOURCES));
        application.put("candidate", candidate);
        // Voluntary: one in five sends none, and some of the rest decline a category.
        if (random.nextInt(5) > 0) {
            Map<String, Object> declared = new LinkedHashMap<>();
            int sex = random.nextInt(20);
            declared.put("sex", sex < 9 ? "FEMALE" : sex < 18 ? "MALE" : "DECLINED");
            declared.put("raceEthnicity", pick(RACES_ETHNICITIES));
            declared.put("veteran", random.nextInt(10) == 0 ? "PROTECTED_VETERAN" : "NOT_A_PROTECTED_VETERAN");
            if (random.nextInt(4) > 0) {
                declared.put("disability", random.nextInt(12) == 0 ? "YES" : "NO");
            }
            application.put("selfIdentification", declared);
        }
        return application;
    }

    /** The sex an application declared, or null where it declared none. */
    @SuppressWarnings("unchecked")
    static String declaredSex(Map<String, Object> application) {
        Object declared = application.get("selfIdentification");
        return declared == null ? null : (String) ((Map<String, Object>) declared).get("sex");
    }

    /**
     * A recommendation for a candidate the demo's synthetic disparity is against: negative six
     * times in ten, so that their loops fail far more often and the adverse-impact check flags it.
     */
    String recommendationAgainst() {
        int roll = random.nextInt(100);
        return roll < 60 ? "NO" : roll < 90 ? "YES" : "STRONG_YES";
    }

    /** An interviewer's recommendation: mostly positive, since screening already filtered. */
    String recommendation() {
        int roll = random.nextInt(100);
        return roll < 30 ? "STRONG_YES" : roll < 80 ? "YES" : roll < 94 ? "NO" : "STRONG_NO";
    }

    /** True for the offers a recruiter approves; the rest are withdrawn. */
    boolean approves() {
        return random.nextInt(10) < 9;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
