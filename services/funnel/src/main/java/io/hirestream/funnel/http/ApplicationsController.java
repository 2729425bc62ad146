package io.hirestream.funnel.http;

import io.hirestream.access.Roles;
import io.hirestream.service.http.ProblemException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/** One application's stages, as the funnel counts them: one person's progress, for recruiters and hiring managers. */
@Controller("/api/applications")
@Secured({Roles.RECRUITER, Roles.HIRING_MANAGER})
public class ApplicationsController {

    private final FunnelQueries queries;

    public ApplicationsController(FunnelQueries queries) {
        this.queries = queries;
    }

    @Get(value = "/{applicationId}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ApplicationJson application(@PathVariable String applicationId) {
        return queries.application(applicationId)
                .map(state -> ApplicationJson.of(applicationId, state))
                .orElseThrow(() -> ProblemException.notFound("application", "The funnel has no event of application "
                        + applicationId + ". Check the id, or wait a moment if it was just submitted."));
    }
}
