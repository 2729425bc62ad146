package io.hirestream.funnel.http;

import io.hirestream.access.Roles;
import io.hirestream.funnel.domain.FunnelView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Instant;

/**
 * The recruiters' funnel API; every instance answers for the whole funnel. Counts only, no person:
 * recruiters, hiring managers, analysts and ops read it.
 */
@Controller("/api")
@Secured({Roles.RECRUITER, Roles.HIRING_MANAGER, Roles.ANALYST, Roles.OPS})
public class FunnelController {

    private final FunnelQueries queries;
    private final FunnelUpdates updates;
    private final Clock clock;

    public FunnelController(FunnelQueries queries, FunnelUpdates updates) {
        this.queries = queries;
        this.updates = updates;
        this.clock = Clock.systemUTC();
    }

    /**
     * Rows by (role, location), optionally only one role or location, most applications first, a
     * page at a time; the total is over every row asked for, not only the page's.
     */
    @Get(value = "/funnel", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public FunnelJson funnel(@Nullable @QueryValue String role, @Nullable @QueryValue String location,
                             @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                             @Nullable @QueryValue @Size(max = 4096) String cursor) {
        return answer(queries.rows(role, location, PageCursor.read(cursor), limit));
    }

    /** One row per role over all its locations, paged like the rows. */
    @Get(value = "/funnel/by-role", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public FunnelJson byRole(@QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                             @Nullable @QueryValue @Size(max = 4096) String cursor) {
        return answer(queries.byRole(PageCursor.read(cursor), limit));
    }

    /** One row per location over all its roles, paged like the rows. */
    @Get(value = "/funnel/by-location", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public FunnelJson byLocation(@QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                 @Nullable @QueryValue @Size(max = 4096) String cursor) {
        return answer(queries.byLocation(PageCursor.read(cursor), limit));
    }

    /** Server-sent events: one {@code row} event per changed (role, location) row, as published. */
    @Get(value = "/funnel/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Object>> stream() {
        return updates.events();
    }

    private FunnelJson answer(FunnelView.Page page) {
        return new FunnelJson(Instant.now(clock), page.rows().stream().map(RowJson::of).toList(), RowJson.of(page.total()),
                page.next() == null ? null : PageCursor.write(page.next()));
    }
}
