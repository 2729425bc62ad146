package io.hirestream.intake.domain;

/** What an application must be to be accepted, and whether its requisition takes it. */
public final class ApplicationRules {

    private ApplicationRules() {
    }

    public static Submission validate(ApplicationRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "is required: a JSON object with requisitionId, source and candidate");
        }
        String requisitionId = Checks.text("requisitionId", request.requisitionId(), 100);
        String source = Checks.oneOf("source", request.source(), Checks.SOURCES);
        ApplicationRequest.Candidate candidate = request.candidate();
        if (candidate == null) {
            throw new InvalidRequestException("candidate", "is required: name, email, countryOfResidence, yearsOfExperience, highestDegree");
        }
        return new Submission(requisitionId, source,
                Checks.text("candidate.name", candidate.name(), 200),
                Checks.email("candidate.email", candidate.email()),
                Checks.country("candidate.countryOfResidence", candidate.countryOfResidence()),
                Checks.whole("candidate.yearsOfExperience", candidate.yearsOfExperience(), 0, 70),
                Checks.oneOf("candidate.highestDegree", candidate.highestDegree(), Checks.DEGREES),
                selfIdentification(request.selfIdentification()));
    }

    /** Each category one of its values, upper-cased; a category left out is declined. */
    private static SelfIdentification selfIdentification(ApplicationRequest.Declared declared) {
        if (declared == null) {
            return null;
        }
        return new SelfIdentification(
                declaredOrNot("selfIdentification.sex", declared.sex(), SelfIdentification.SEXES),
                declaredOrNot("selfIdentification.raceEthnicity", declared.raceEthnicity(), SelfIdentification.RACES_ETHNICITIES),
                declaredOrNot("selfIdentification.veteran", declared.veteran(), SelfIdentification.VETERAN_STATUSES),
                declaredOrNot("selfIdentification.disability", declared.disability(), SelfIdentification.DISABILITY_STATUSES));
    }

    private static String declaredOrNot(String field, String value, java.util.List<String> allowed) {
        return value == null ? SelfIdentification.DECLINED : Checks.oneOf(field, value, allowed);
    }

    /** Why a requisition does not take applications, or null where it does. */
    public static Refusal admit(RequisitionState requisition) {
        if (requisition == null) {
            return Refusal.UNKNOWN_REQUISITION;
        }
        return requisition == RequisitionState.OPEN ? null : Refusal.REQUISITION_NOT_OPEN;
    }

    /** Whether a known requisition takes applications. */
    public enum RequisitionState { OPEN, NOT_OPEN }

    /** Why an application was not admitted. */
    public enum Refusal {
        UNKNOWN_REQUISITION("no requisition with this id; list open ones with GET /api/requisitions"),
        REQUISITION_NOT_OPEN("the requisition is closed and takes no applications");

        private final String detail;

        Refusal(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }
}
