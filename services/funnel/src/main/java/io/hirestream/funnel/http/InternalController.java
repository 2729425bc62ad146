package io.hirestream.funnel.http;

import io.hirestream.access.Roles;
import io.hirestream.funnel.topology.FunnelCodec;
import io.hirestream.service.http.ProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * What funnel instances ask each other: the state this instance holds, never forwarded further.
 * 503 where this instance does not hold what is asked (it moved, or is restoring). Other instances
 * (role service) and ops only.
 */
@Controller("/internal/funnel")
@Secured({Roles.SERVICE, Roles.OPS})
public class InternalController {

    private final FunnelQueries queries;

    public InternalController(FunnelQueries queries) {
        this.queries = queries;
    }

    @Get(value = "/parts", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public PartsJson parts(@QueryValue @Pattern(regexp = "\\d{1,5}(,\\d{1,5}){0,1023}",
            message = "must be partition numbers separated by commas, such as 0,1,2") String partitions,
                           @QueryValue(defaultValue = "false") boolean stale) {
        // Each partition once, however often it is asked for: an answer never grows with repetition.
        List<Integer> wanted = Arrays.stream(partitions.split(",")).map(Integer::parseInt).distinct().toList();
        try {
            return queries.localParts(wanted, stale);
        } catch (InvalidStateStoreException e) {
            throw ProblemException.unavailable("partitions " + wanted + " are not queryable here: " + e.getMessage());
        }
    }

    @Get(value = "/applications/{applicationId}", produces = MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> application(@PathVariable String applicationId, @QueryValue @PositiveOrZero int partition,
                                            @QueryValue(defaultValue = "false") boolean stale) {
        try {
            return queries.localApplication(applicationId, partition, stale)
                    .map(state -> HttpResponse.ok(Base64.getEncoder().encodeToString(FunnelCodec.encode(state))))
                    .orElseGet(HttpResponse::notFound);
        } catch (InvalidStateStoreException e) {
            throw ProblemException.unavailable("partition " + partition + " is not queryable here: " + e.getMessage());
        }
    }
}
