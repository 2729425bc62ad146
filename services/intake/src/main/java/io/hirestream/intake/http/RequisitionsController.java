package io.hirestream.intake.http;

import io.hirestream.intake.kafka.Intake;
import io.hirestream.service.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.util.List;

/** Requisitions: open, list, read, close. */
@Controller("/api/requisitions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RequisitionsController {

    private final Intake intake;

    public RequisitionsController(Intake intake) {
        this.intake = intake;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<RequisitionJson> open(@Nullable @Body String body) {
        RequisitionJson opened = RequisitionJson.of(intake.open(IntakeJson.requisition(body)));
        return HttpResponse.created(opened, URI.create("/api/requisitions/" + opened.requisitionId()));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public List<RequisitionJson> list() {
        return intake.requisitions().stream().map(RequisitionJson::of).toList();
    }

    @Get(value = "/{requisitionId}", produces = MediaType.APPLICATION_JSON)
    public RequisitionJson read(@PathVariable String requisitionId) {
        return intake.requisition(requisitionId).map(RequisitionJson::of)
                .orElseThrow(() -> ProblemException.notFound("requisition", "No requisition " + requisitionId
                        + "; list them with GET /api/requisitions."));
    }

    @Post(value = "/{requisitionId}/close", produces = MediaType.APPLICATION_JSON)
    public RequisitionJson close(@PathVariable String requisitionId) {
        return RequisitionJson.of(intake.close(requisitionId));
    }
}
