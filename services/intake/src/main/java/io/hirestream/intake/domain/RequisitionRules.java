package io.hirestream.intake.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** What a requisition must be to be opened. */
public final class RequisitionRules {

    private static final int MAX_ROUNDS = 10;

    private RequisitionRules() {
    }

    public static OpeningRequisition validate(RequisitionRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "is required: a JSON object describing the requisition");
        }
        String role = Checks.text("role", request.role(), 200);
        String location = Checks.text("location", request.location(), 200);
        String department = Checks.text("department", request.department(), 200);
        var min = Checks.money("salaryMin", request.salaryMin());
        var max = Checks.money("salaryMax", request.salaryMax());
        if (min.compareTo(max) > 0) {
            throw new InvalidRequestException("salaryMax", "must not be below salaryMin (" + min.toPlainString() + "), was "
                    + max.toPlainString());
        }
        String currency = Checks.currency("currency", request.currency());
        int years = Checks.whole("minYearsOfExperience", request.minYearsOfExperience(), 0, 60);
        String degree = Checks.oneOf("minDegree", request.minDegree(), Checks.DEGREES);
        List<String> countries = new ArrayList<>(new LinkedHashSet<>(request.eligibleCountries() == null ? List.of()
                : request.eligibleCountries().stream().map(c -> Checks.country("eligibleCountries", c)).toList()));
        List<String> rounds = request.interviewRounds() == null ? List.of()
                : request.interviewRounds().stream()
                .map(r -> Checks.text("interviewRounds", r, 60).toUpperCase(Locale.ROOT).replace(' ', '_'))
                .distinct().toList();
        if (rounds.size() > MAX_ROUNDS) {
            throw new InvalidRequestException("interviewRounds", "at most " + MAX_ROUNDS + " rounds, was " + rounds.size());
        }
        return new OpeningRequisition(role, location, department, min, max, currency, years, degree, countries, rounds);
    }
}
