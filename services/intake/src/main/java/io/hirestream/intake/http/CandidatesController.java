package io.hirestream.intake.http;

import io.hirestream.access.Roles;
import io.hirestream.events.CandidateErased;
import io.hirestream.intake.kafka.Intake;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * Erasure (role privacy): the candidate's data key and contact details are tombstoned, so that
 * every sealed copy of their details and of the notes about them, in any topic, dead letter,
 * store, backup or replay, no longer opens (crypto-shredding); the erasure itself is recorded,
 * naming who asked. 200 with that record; 404 for a candidate unknown or already erased.
 */
@Controller("/api/candidates")
@Secured(Roles.PRIVACY)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CandidatesController {

    private final Intake intake;

    public CandidatesController(Intake intake) {
        this.intake = intake;
    }

    /** What an erasure answers: its record, which holds no personal data. */
    @Serdeable
    public record ErasedJson(String erasureId, String candidateId, String requestedBy, Instant erasedAt) {
        static ErasedJson of(CandidateErased erased) {
            return new ErasedJson(erased.getErasureId(), erased.getCandidateId(), erased.getRequestedBy(), erased.getErasedAt());
        }
    }

    @Delete(value = "/{candidateId}", produces = MediaType.APPLICATION_JSON)
    public ErasedJson erase(@PathVariable String candidateId, Authentication signedIn) {
        return ErasedJson.of(intake.erase(candidateId, signedIn.getName()));
    }
}
