package io.hirestream.funnel.http;

import io.hirestream.access.Roles;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowOrder;
import io.hirestream.funnel.domain.Slice;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.service.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.inject.Named;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The recruiters' funnel API; every instance answers for the whole funnel. Counts only, no person:
 * recruiters, hiring managers, analysts and ops read it.
 *
 * <p>The pages of rows ({@code /funnel}, {@code /funnel/by-role}, {@code /funnel/by-location}) are
 * answered on the event loop that read the request once the view is complete: a page is read off
 * the view in well under a millisecond, and handing it to the IO pool and back cost two thread
 * wake-ups, each a wait for a core on a busy host (alternating runs of {@code bench queries},
 * ops/bench/README.md). Until the view is complete, such a request waits for it on the IO pool,
 * never on the event loop. The other routes run on the IO pool's platform threads, not on virtual
 * threads (BLOCKING): Jackson keeps its write buffers per thread, so on a new virtual thread per
 * request every answer allocated them anew, an eighth of what an instance allocated under
 * {@code bench queries}; on the pool's threads they are reused (alternating runs: 2,442 and 2,575
 * queries/s over the four kinds against 2,126 and 1,573).
 */
@Controller("/api")
@Secured({Roles.RECRUITER, Roles.HIRING_MANAGER, Roles.ANALYST, Roles.OPS}) // as DashboardController.FUNNEL_READERS
public class FunnelController {

    /** An ISO-8601 week, as cohorts are named: {@code 2026-W48}. */
    private static final String WEEK = "[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])";
    private static final String WEEK_MESSAGE = "must be an ISO-8601 week such as 2026-W48";

    private final FunnelQueries queries;
    private final FunnelUpdates updates;
    private final PageAnswers answers;
    private final Clock clock;
    private final ExecutorService io;

    FunnelController(FunnelQueries queries, FunnelUpdates updates, PageAnswers answers,
                     @Named(TaskExecutors.IO) ExecutorService io) {
        this.queries = queries;
        this.updates = updates;
        this.answers = answers;
        this.clock = Clock.systemUTC();
        this.io = io;
    }

    /**
     * Rows by (role, location), optionally only one role or location, most applications first, a
     * page at a time; the total is over every row asked for, not only the page's.
     */
    @Get(value = "/funnel", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<byte[]> funnel(@Nullable @QueryValue String role, @Nullable @QueryValue String location,
                                            @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                            @Nullable @QueryValue @Size(max = 4096) String cursor) {
        RowOrder after = PageCursor.read(cursor);
        return page(() -> queries.rows(role, location, after, limit, answers));
    }

    /** One row per role over all its locations, paged like the rows. */
    @Get(value = "/funnel/by-role", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<byte[]> byRole(@QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                            @Nullable @QueryValue @Size(max = 4096) String cursor) {
        RowOrder after = PageCursor.read(cursor);
        return page(() -> queries.byRole(after, limit, answers));
    }

    /** One row per location over all its roles, paged like the rows. */
    @Get(value = "/funnel/by-location", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<byte[]> byLocation(@QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                                @Nullable @QueryValue @Size(max = 4096) String cursor) {
        RowOrder after = PageCursor.read(cursor);
        return page(() -> queries.byLocation(after, limit, answers));
    }

    /**
     * The funnel by cohort: per ISO week (UTC) the applications were submitted in, between
     * {@code from} and {@code to} (inclusive; absent: unbounded), the (role, location) rows of the
     * role and of the location where given, a page at a time by week, then most applications
     * first; {@code totals} per week over every row asked for.
     */
    @Get(value = "/funnel/cohorts", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public SliceJson.Cohorts cohorts(@Nullable @QueryValue String role, @Nullable @QueryValue String location,
                                     @Nullable @QueryValue @Pattern(regexp = WEEK, message = WEEK_MESSAGE) String from,
                                     @Nullable @QueryValue @Pattern(regexp = WEEK, message = WEEK_MESSAGE) String to,
                                     @QueryValue(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                     @Nullable @QueryValue @Size(max = 4096) String cursor) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            throw ProblemException.badRequest("from", "from (" + from + ") must not be after to (" + to + ")");
        }
        FunnelView.SlicePage page = queries.slices(Slice.Dimension.WEEK, from, to, role, location,
                PageCursor.readSlice(cursor), limit);
        return new SliceJson.Cohorts(Instant.now(clock), cohortRows(page.rows()), cohortRows(page.totals()),
                page.next() == null ? null : PageCursor.write(page.next()));
    }

    /** The funnel per source of the applied event, over the rows of the role and of the location where given. */
    @Get(value = "/funnel/by-source", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.IO)
    public SliceJson.Sources bySource(@Nullable @QueryValue String role, @Nullable @QueryValue String location) {
        List<SliceJson.SourceRow> rows = queries.slices(Slice.Dimension.SOURCE, null, null, role, location, null, 0)
                .totals().stream()
                .sorted(Comparator.comparingLong((FunnelView.SliceRow row) -> row.row().reached().get(Stage.APPLIED))
                        .reversed().thenComparing(FunnelView.SliceRow::group))
                .map(row -> new SliceJson.SourceRow(row.group(), RowJson.of(row.row())))
                .toList();
        return new SliceJson.Sources(Instant.now(clock), rows);
    }

    private static List<SliceJson.CohortRow> cohortRows(List<FunnelView.SliceRow> rows) {
        return rows.stream().map(row -> new SliceJson.CohortRow(row.group(), RowJson.of(row.row()))).toList();
    }

    /** Server-sent events: one {@code row} event per changed (role, location) row, as published. */
    @Get(value = "/funnel/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Object>> stream() {
        return updates.events();
    }

    /**
     * A page answered where the request was read once the view is complete, else from the IO pool
     * once it is (or 503 when it is not within the query timeout). The read takes the view's read
     * lock, as it did on the IO pool: it waits only for a change in progress.
     */
    private CompletableFuture<byte[]> page(Supplier<FunnelView.Page<byte[]>> read) {
        if (queries.complete()) {
            return CompletableFuture.completedFuture(answer(read.get()));
        }
        CompletableFuture<byte[]> answered = new CompletableFuture<>();
        io.execute(() -> {
            try {
                answered.complete(answer(read.get()));
            } catch (RuntimeException e) {
                // The problem itself (a 503 while the view is still incomplete), not wrapped: answered as a thrown one is.
                answered.completeExceptionally(e);
            }
        });
        return answered;
    }

    private byte[] answer(FunnelView.Page<byte[]> page) {
        return answers.answer(Instant.now(clock), page, page.next() == null ? null : PageCursor.write(page.next()));
    }
}
