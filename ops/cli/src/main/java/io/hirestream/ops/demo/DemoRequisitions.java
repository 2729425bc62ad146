package io.hirestream.ops.demo;

import java.util.List;

/**
 * The requisitions the demo opens: the seed posting (Machine Learning Engineer, Remote, US,
 * 158,950 to 327,000 USD, 8+ years, MS or PhD) and a handful of others across roles and cities.
 */
final class DemoRequisitions {

    private DemoRequisitions() {
    }

    /** One requisition as intake's API takes it. */
    record Opening(String role, String location, String department, int salaryMin, int salaryMax, String currency,
                   int minYearsOfExperience, String minDegree, List<String> eligibleCountries) {
    }

    static final List<Opening> ALL = List.of(
            new Opening("Machine Learning Engineer", "Remote, US", "ML Research", 158_950, 327_000, "USD", 8, "MASTERS",
                    List.of("US")),
            new Opening("Data Engineer", "Berlin, DE", "Data Platform", 72_000, 98_000, "EUR", 3, "BACHELORS",
                    List.of("DE", "AT", "NL", "PL", "FR")),
            new Opening("Site Reliability Engineer", "Austin, US", "Infrastructure", 135_000, 190_000, "USD", 5, "BACHELORS",
                    List.of("US")),
            new Opening("Product Designer", "London, GB", "Design", 62_000, 88_000, "GBP", 4, "NONE",
                    List.of("GB", "IE")),
            new Opening("Backend Engineer", "Toronto, CA", "Platform", 120_000, 165_000, "CAD", 3, "BACHELORS",
                    List.of("CA")),
            new Opening("Machine Learning Engineer", "New York, US", "Applied ML", 170_000, 260_000, "USD", 6, "MASTERS",
                    List.of("US")));
}
