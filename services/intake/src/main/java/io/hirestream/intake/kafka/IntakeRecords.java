package io.hirestream.intake.kafka;

import io.hirestream.events.ApplicationSource;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Candidate;
import io.hirestream.events.CandidateKey;
import io.hirestream.service.privacy.Sealing;
import io.hirestream.events.Degree;
import io.hirestream.events.Requirements;
import io.hirestream.events.Requisition;
import io.hirestream.events.RequisitionStatus;
import io.hirestream.events.SubmissionReceipt;
import io.hirestream.events.DisabilityStatus;
import io.hirestream.events.RaceEthnicity;
import io.hirestream.events.Sex;
import io.hirestream.events.VeteranStatus;
import io.hirestream.intake.domain.OpeningRequisition;
import io.hirestream.intake.domain.SelfIdentification;
import io.hirestream.intake.domain.Submission;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** The records intake writes, built from its domain's validated requests. */
public final class IntakeRecords {

    private IntakeRecords() {
    }

    public static Requisition requisition(String requisitionId, OpeningRequisition opening, Instant openedAt) {
        return Requisition.newBuilder()
                .setRequisitionId(requisitionId)
                .setRole(opening.role())
                .setLocation(opening.location())
                .setDepartment(opening.department())
                .setSalaryMin(opening.salaryMin())
                .setSalaryMax(opening.salaryMax())
                .setCurrency(opening.currency())
                .setRequirements(Requirements.newBuilder()
                        .setMinYearsOfExperience(opening.minYearsOfExperience())
                        .setMinDegree(Degree.valueOf(opening.minDegree()))
                        .setEligibleCountries(opening.eligibleCountries())
                        .build())
                .setStatus(RequisitionStatus.OPEN)
                .setOpenedAt(openedAt)
                .setInterviewRounds(opening.interviewRounds())
                .build();
    }

    public static Requisition closed(Requisition open, Instant closedAt) {
        return Requisition.newBuilder(open).setStatus(RequisitionStatus.CLOSED).setClosedAt(closedAt).build();
    }

    public static ApplicationSubmitted applied(Ids ids, Submission submission, Requisition requisition, Instant at) {
        return ApplicationSubmitted.newBuilder()
                .setEventId(ids.eventId())
                .setApplicationId(ids.applicationId())
                .setRequisitionId(requisition.getRequisitionId())
                .setRole(requisition.getRole())
                .setLocation(requisition.getLocation())
                .setOccurredAt(at)
                .setCandidateId(ids.candidateId())
                .setSource(ApplicationSource.valueOf(submission.source()))
                .setYearsOfExperience(submission.yearsOfExperience())
                .setHighestDegree(Degree.valueOf(submission.highestDegree()))
                .setCountryOfResidence(submission.countryOfResidence())
                .build();
    }

    /** A new candidate's data key record, naming their application: erasing them erases what is kept by it. */
    public static CandidateKey candidateKey(Ids ids, byte[] dataKey, Instant at) {
        return new CandidateKey(ids.candidateId(), ByteBuffer.wrap(dataKey), at, ids.applicationId());
    }

    /** What the candidate declared for equal-opportunity monitoring, for its own topic only. */
    public static io.hirestream.events.SelfIdentification selfIdentification(Ids ids, SelfIdentification declared, Instant at) {
        return new io.hirestream.events.SelfIdentification(ids.applicationId(), Sex.valueOf(declared.sex()),
                RaceEthnicity.valueOf(declared.raceEthnicity()), VeteranStatus.valueOf(declared.veteran()),
                DisabilityStatus.valueOf(declared.disability()), at);
    }

    /** The candidate's contact details, name and email sealed under their data key. */
    public static Candidate candidate(Ids ids, Submission submission, Instant at, CandidateKey key) {
        byte[] sealed = Sealing.seal(Sealing.dataKey(key), ids.candidateId(), Sealing.Purpose.CONTACT,
                submission.name() + "\n" + submission.email());
        return new Candidate(ids.candidateId(), submission.countryOfResidence(), at, ByteBuffer.wrap(sealed));
    }


    public static SubmissionReceipt receipt(String key, String requestHash, Ids ids, Instant at) {
        return new SubmissionReceipt(key, requestHash, ids.applicationId(), ids.eventId(), ids.candidateId(), at);
    }

    public static ProducerRecord<String, Object> record(String topic, String key, Object value) {
        return new ProducerRecord<>(topic, key, value);
    }

    public static ProducerRecord<String, Object> appliedRecord(ApplicationSubmitted event) {
        return record(Topics.APPLIED.name(), event.getApplicationId(), event);
    }

    /** The ids one submission creates. */
    public record Ids(String applicationId, String eventId, String candidateId) {

        /** Fresh ids, for a submission without an Idempotency-Key. */
        public static Ids random() {
            return new Ids(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        }

        /** The ids of a keyed submission: the same for the same key and body, wherever and whenever it is taken. */
        public static Ids of(String idempotencyKey, String requestHash) {
            return new Ids(derived("application", idempotencyKey, requestHash), derived("applied", idempotencyKey, requestHash),
                    derived("candidate", idempotencyKey, requestHash));
        }

        private static String derived(String what, String idempotencyKey, String requestHash) {
            return UUID.nameUUIDFromBytes((what + ":" + requestHash + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }
    }
}
