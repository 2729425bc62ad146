package io.hirestream.ops.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Made-up applicants in a realistic mix: most live where the posting is open, some do not; years
 * of experience spread around the usual asks; degrees from none to PhD; sources as a careers
 * team sees them. Enough of each that every screening rule passes and fails now and then.
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
        return application;
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
