package io.hirestream.service.streams;

import io.hirestream.service.http.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.util.Base64;
import java.util.List;

/**
 * What instances of a service ask each other: the state this instance holds, serialized, never
 * forwarded further; 503 where it does not hold what is asked.
 */
@Controller("/internal/state")
@Requires(beans = KafkaStreams.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class StateController {

    private final StateQueries queries;

    public StateController(StateQueries queries) {
        this.queries = queries;
    }

    @Get(value = "/{store}/keys/{key}", produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> key(@PathVariable String store, @PathVariable String key, @QueryValue int partition,
                                    @QueryValue(defaultValue = "false") boolean stale) {
        try {
            byte[] bytes = queries.localBytes(queries.store(store), key, partition, stale);
            return bytes == null ? HttpResponse.notFound() : HttpResponse.ok(Base64.getEncoder().encodeToString(bytes));
        } catch (InvalidStateStoreException e) {
            throw ProblemException.unavailable(store + " partition " + partition + " is not queryable here: " + e.getMessage());
        }
    }

    @Get(value = "/{store}/partitions/{partition}", produces = MediaType.APPLICATION_JSON)
    public List<String> partition(@PathVariable String store, @PathVariable int partition) {
        try {
            return queries.localPartition(queries.store(store), partition).stream()
                    .map(Base64.getEncoder()::encodeToString).toList();
        } catch (InvalidStateStoreException e) {
            throw ProblemException.unavailable(store + " partition " + partition + " is not queryable here: " + e.getMessage());
        }
    }
}
