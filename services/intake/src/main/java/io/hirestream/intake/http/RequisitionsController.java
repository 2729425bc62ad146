package io.hirestream.intake.http;

import io.hirestream.access.Roles;
import io.hirestream.events.Requisition;
import io.hirestream.intake.kafka.Intake;
import io.hirestream.service.http.Cursors;
import io.hirestream.service.http.PageJson;
import io.hirestream.service.http.Paging;
import io.hirestream.service.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;

/**
 * Requisitions: opened and closed by recruiters; read by anyone, since they are the job postings the
 * careers site shows (role, location, requirements, salary band) and name no person.
 */
@Controller("/api/requisitions")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RequisitionsController {

    private final Intake intake;

    public RequisitionsController(Intake intake) {
        this.intake = intake;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.RECRUITER)
    public HttpResponse<RequisitionJson> open(@Valid @Body RequisitionBody body) {
        RequisitionJson opened = RequisitionJson.of(intake.open(body.toRequest()));
        return HttpResponse.created(opened, URI.create("/api/requisitions/" + opened.requisitionId()));
    }

    /**
     * A page of the requisitions in id order, {@code limit} (default 50, at most 500) at a time;
     * {@code nextCursor} fetches the next page, and is null after the last. Filter: {@code status}.
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public PageJson<RequisitionJson> list(@Nullable @QueryValue String status, @Nullable @QueryValue Integer limit,
                                          @Nullable @QueryValue String cursor) {
        int size = Paging.limit(limit);
        List<Requisition> found = intake.requisitions(status, cursor == null ? null : Cursors.key(cursor), size);
        List<Requisition> page = found.subList(0, Math.min(size, found.size()));
        return new PageJson<>(page.stream().map(RequisitionJson::of).toList(),
                found.size() > size ? Cursors.of(page.getLast().getRequisitionId()) : null);
    }

    @Get(value = "/{requisitionId}", produces = MediaType.APPLICATION_JSON)
    public RequisitionJson read(@PathVariable String requisitionId) {
        return intake.requisition(requisitionId).map(RequisitionJson::of)
                .orElseThrow(() -> ProblemException.notFound("requisition", "No requisition " + requisitionId
                        + "; list them with GET /api/requisitions."));
    }

    @Post(value = "/{requisitionId}/close", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.RECRUITER)
    public RequisitionJson close(@PathVariable String requisitionId) {
        return RequisitionJson.of(intake.close(requisitionId));
    }
}
