package io.hirestream.funnel.http;

import io.hirestream.funnel.FunnelSettings;
import io.hirestream.funnel.PublishedPartsFollower;
import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowOrder;
import io.hirestream.funnel.domain.Slice;
import io.hirestream.service.Pauses;
import io.hirestream.service.http.ProblemException;
import io.hirestream.service.streams.QueryableStore;
import io.hirestream.service.streams.StateQueries;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers funnel queries. Rows, rollups and totals come from this instance's {@link FunnelView}:
 * kept as parts change, so a query reads a page off an ordered set whatever the number of rows,
 * and complete on every instance (its own partitions live, the others as last published). Until
 * the view has read every partition's published parts once (a starting instance), queries wait
 * up to the query timeout, then answer 503: never a partial funnel. One application's state is
 * read wherever its partition lives, as every service reads its stores ({@link StateQueries}).
 */
@Singleton
public class FunnelQueries {

    private final FunnelView view;
    private final PublishedPartsFollower published;
    private final StateQueries state;
    private final QueryableStore<ApplicationState> applications;
    private final Duration queryTimeout;

    public FunnelQueries(FunnelView view, PublishedPartsFollower published, StateQueries state,
                         QueryableStore<ApplicationState> applications, FunnelSettings settings) {
        this.view = view;
        this.published = published;
        this.state = state;
        this.applications = applications;
        this.queryTimeout = settings.queryTimeout();
    }

    /** True once the view holds every partition's counts: a query then reads it without waiting. */
    public boolean complete() {
        return published.caughtUp();
    }

    /** Rows of the role and of the location (null: any), a page after {@code after}; see {@link FunnelView#rows}. */
    public <T> FunnelView.Page<T> rows(String role, String location, RowOrder after, int limit,
                                       FunnelView.RowRenderer<T> renderer) {
        return whenComplete(() -> view.rows(role, location, after, limit, renderer));
    }

    public <T> FunnelView.Page<T> byRole(RowOrder after, int limit, FunnelView.RowRenderer<T> renderer) {
        return whenComplete(() -> view.byRole(after, limit, renderer));
    }

    public <T> FunnelView.Page<T> byLocation(RowOrder after, int limit, FunnelView.RowRenderer<T> renderer) {
        return whenComplete(() -> view.byLocation(after, limit, renderer));
    }

    /** Slices of one dimension and their rows; see {@link FunnelView#slices}. */
    public FunnelView.SlicePage slices(Slice.Dimension dimension, String from, String to, String role, String location,
                                       FunnelView.SlicePosition after, int limit) {
        if (!view.slicedBy().contains(dimension)) {
            throw ProblemException.notFound("slices", "This funnel does not keep its rows sliced by " + dimension
                    + " (FUNNEL_SLICES is " + view.slicedBy() + ").");
        }
        return whenComplete(() -> view.slices(dimension, from, to, role, location, after, limit));
    }

    /**
     * The application's standing events, if the funnel has seen any (a declaration may come before
     * the first event: that alone is no application to show).
     */
    public Optional<ApplicationState> application(String applicationId) {
        return state.<ApplicationState>get(applications.name(), applicationId).filter(found -> !found.isEmpty());
    }

    private <T> T whenComplete(Supplier<T> query) {
        long deadline = System.nanoTime() + queryTimeout.toNanos();
        while (!complete()) {
            if (System.nanoTime() > deadline) {
                throw ProblemException.unavailable("The funnel is starting: it has not read every partition's published"
                        + " counts yet; try again in a moment.");
            }
            Pauses.pause(Duration.ofMillis(20));
        }
        return query.get();
    }
}
