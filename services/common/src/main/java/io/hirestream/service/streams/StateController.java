package io.hirestream.service.streams;

import io.hirestream.access.Roles;
import io.hirestream.service.http.Paging;
import io.hirestream.service.http.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What instances of a service ask each other: the state this instance holds, serialized, never
 * forwarded further; 503 where it does not hold what is asked. Other instances (role service) and
 * ops only.
 */
@Controller("/internal/state")
@Secured({Roles.SERVICE, Roles.OPS})
@Requires(beans = KafkaStreams.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class StateController {

    private final StateQueries queries;

    public StateController(StateQueries queries) {
        this.queries = queries;
    }

    @Get(value = "/{store}/keys/{key}", produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> key(@PathVariable String store, @PathVariable String key, @QueryValue @PositiveOrZero int partition,
                                    @QueryValue(defaultValue = "false") boolean stale) {
        try {
            byte[] bytes = queries.localBytes(queries.store(store), key, partition, stale);
            return bytes == null ? HttpResponse.notFound() : HttpResponse.ok(Base64.getEncoder().encodeToString(bytes));
        } catch (InvalidStateStoreException e) {
            throw ProblemException.unavailable(store + " partition " + partition + " is not queryable here: " + e.getMessage());
        }
    }

    /**
     * A page of this instance's values of one partition: {@code [key, base64 value]} pairs after the
     * key {@code after}, at most {@code limit} plus one, those matching every other query parameter
     * as a field filter of the store.
     */
    @Get(value = "/{store}/partitions/{partition}", produces = MediaType.APPLICATION_JSON)
    public List<List<String>> partition(@PathVariable String store, @PathVariable @PositiveOrZero int partition,
                                        @QueryValue @Min(1) @Max(Paging.MAX_LIMIT) int limit,
                                        @Nullable @QueryValue String after, HttpRequest<?> request) {
        Map<String, String> filters = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> {
            if (!name.equals("limit") && !name.equals("after") && !values.isEmpty()) {
                filters.put(name, values.getFirst());
            }
        });
        try {
            return queries.localPage(queries.store(store), partition, filters, after, limit).stream()
                    .map(entry -> List.of(entry.key(), Base64.getEncoder().encodeToString(entry.value()))).toList();
        } catch (InvalidStateStoreException e) {
            throw ProblemException.unavailable(store + " partition " + partition + " is not queryable here: " + e.getMessage());
        }
    }
}
