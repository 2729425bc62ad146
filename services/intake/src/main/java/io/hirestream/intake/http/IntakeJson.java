package io.hirestream.intake.http;

import io.hirestream.intake.domain.ApplicationRequest;
import io.hirestream.intake.domain.RequisitionRequest;
import io.hirestream.service.http.JsonFields;

/** Reads intake's request bodies into the domain's request records, naming any field of the wrong type. */
final class IntakeJson {

    private IntakeJson() {
    }

    static RequisitionRequest requisition(String body) {
        JsonFields json = JsonFields.parse(body);
        return new RequisitionRequest(json.text("role"), json.text("location"), json.text("department"),
                json.decimal("salaryMin"), json.decimal("salaryMax"), json.text("currency"),
                json.integer("minYearsOfExperience"), json.text("minDegree"), json.texts("eligibleCountries"),
                json.texts("interviewRounds"));
    }

    static ApplicationRequest application(String body) {
        JsonFields json = JsonFields.parse(body);
        JsonFields candidate = json.object("candidate");
        return new ApplicationRequest(json.text("requisitionId"), json.text("source"), candidate == null ? null
                : new ApplicationRequest.Candidate(candidate.text("name"), candidate.text("email"),
                candidate.text("countryOfResidence"), candidate.integer("yearsOfExperience"), candidate.text("highestDegree")));
    }
}
