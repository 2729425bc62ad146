package io.hirestream.intake.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationRulesTest {

    private static ApplicationRequest with(ApplicationRequest.Candidate candidate) {
        return new ApplicationRequest("req-1", "referral", candidate);
    }

    private static ApplicationRequest.Candidate candidate() {
        return new ApplicationRequest.Candidate("Ada Lovelace", "ada@example.org", "us", 9, "phd");
    }

    @Test
    void aCompleteApplicationIsNormalized() {
        Submission submission = ApplicationRules.validate(with(candidate()));

        assertThat(submission.source()).isEqualTo("REFERRAL");
        assertThat(submission.countryOfResidence()).isEqualTo("US");
        assertThat(submission.highestDegree()).isEqualTo("PHD");
        assertThat(submission.yearsOfExperience()).isEqualTo(9);
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThatThrownBy(() -> ApplicationRules.validate(with(new ApplicationRequest.Candidate("Ada", "not-an-email", "US", 9, "PHD"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("candidate.email"));
        assertThatThrownBy(() -> ApplicationRules.validate(with(new ApplicationRequest.Candidate("Ada", "ada@example.org", "Atlantis", 9, "PHD"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("candidate.countryOfResidence"));
        assertThatThrownBy(() -> ApplicationRules.validate(with(new ApplicationRequest.Candidate("Ada", "ada@example.org", "US", 120, "PHD"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("candidate.yearsOfExperience"));
        assertThatThrownBy(() -> ApplicationRules.validate(with(new ApplicationRequest.Candidate(" ", "ada@example.org", "US", 1, "PHD"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("candidate.name"));
        assertThatThrownBy(() -> ApplicationRules.validate(new ApplicationRequest("req-1", "billboard", candidate())))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("source"));
        assertThatThrownBy(() -> ApplicationRules.validate(new ApplicationRequest("req-1", "OTHER", null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("candidate"));
    }

    @Test
    void selfIdentificationIsVoluntaryEachCategoryLeftOutIsDeclinedAndAValueOutsideTheCategoriesIsNamed() {
        assertThat(ApplicationRules.validate(with(candidate())).selfIdentification()).as("nothing sent").isNull();

        Submission declared = ApplicationRules.validate(new ApplicationRequest("req-1", "referral", candidate(),
                new ApplicationRequest.Declared("female", null, "not_a_protected_veteran", null)));
        assertThat(declared.selfIdentification())
                .isEqualTo(new SelfIdentification("FEMALE", "DECLINED", "NOT_A_PROTECTED_VETERAN", "DECLINED"));

        assertThatThrownBy(() -> ApplicationRules.validate(new ApplicationRequest("req-1", "referral", candidate(),
                new ApplicationRequest.Declared("F", null, null, null))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("selfIdentification.sex"));
        assertThatThrownBy(() -> ApplicationRules.validate(new ApplicationRequest("req-1", "referral", candidate(),
                new ApplicationRequest.Declared(null, "martian", null, null))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("selfIdentification.raceEthnicity"));
    }

    @Test
    void aRetryUnderTheSameKeyWithAnotherSelfIdentificationIsAnotherRequest() {
        Submission plain = ApplicationRules.validate(with(candidate()));
        Submission declared = ApplicationRules.validate(new ApplicationRequest("req-1", "referral", candidate(),
                new ApplicationRequest.Declared("MALE", null, null, null)));

        assertThat(Receipts.check(Receipts.hash(declared, RECEIPTS_KEY), Receipts.hash(plain, RECEIPTS_KEY)))
                .isEqualTo(Receipts.Verdict.KEY_REUSED);
    }

    @Test
    void onlyAnOpenRequisitionTakesApplications() {
        assertThat(ApplicationRules.admit(ApplicationRules.RequisitionState.OPEN)).isNull();
        assertThat(ApplicationRules.admit(ApplicationRules.RequisitionState.NOT_OPEN)).isEqualTo(ApplicationRules.Refusal.REQUISITION_NOT_OPEN);
        assertThat(ApplicationRules.admit(null)).isEqualTo(ApplicationRules.Refusal.UNKNOWN_REQUISITION);
    }

    @Test
    void aRetryIsARepeatAndAnotherBodyUnderTheSameKeyIsRefused() {
        String hash = Receipts.hash(ApplicationRules.validate(with(candidate())), RECEIPTS_KEY);
        String other = Receipts.hash(ApplicationRules.validate(with(new ApplicationRequest.Candidate("Ada Lovelace", "ada@example.org", "US", 10, "PHD"))),
                RECEIPTS_KEY);

        assertThat(Receipts.check(hash, null)).isEqualTo(Receipts.Verdict.NEW);
        assertThat(Receipts.check(hash, hash)).isEqualTo(Receipts.Verdict.REPEAT);
        assertThat(Receipts.check(other, hash)).isEqualTo(Receipts.Verdict.KEY_REUSED);
    }

    @Test
    void aReceiptCannotBeCheckedAgainstAGuessedNameAndEmailWithoutIntakesKey() {
        var submission = ApplicationRules.validate(with(candidate()));
        byte[] anotherKey = new byte[32];
        anotherKey[0] = 1;

        assertThat(Receipts.hash(submission, RECEIPTS_KEY)).isEqualTo(Receipts.hash(submission, RECEIPTS_KEY))
                .isNotEqualTo(Receipts.hash(submission, anotherKey));
    }

    private static final byte[] RECEIPTS_KEY = "a receipts key of thirty-two b.".getBytes(java.nio.charset.StandardCharsets.UTF_8);
}
