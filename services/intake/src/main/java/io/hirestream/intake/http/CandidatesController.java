package io.hirestream.intake.http;

import io.hirestream.access.Roles;
import io.hirestream.intake.kafka.Intake;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/**
 * Erasure of contact details: a tombstone on the candidates topic, which compaction then removes
 * from the log. Application events never held them. Erasing twice, or an unknown id, does no harm.
 */
@Controller("/api/candidates")
@Secured(Roles.PRIVACY)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CandidatesController {

    private final Intake intake;

    public CandidatesController(Intake intake) {
        this.intake = intake;
    }

    @Delete("/{candidateId}")
    public HttpResponse<Void> erase(@PathVariable String candidateId) {
        intake.erase(candidateId);
        return HttpResponse.noContent();
    }
}
