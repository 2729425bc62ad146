package io.hirestream.funnel;

import io.hirestream.funnel.domain.Slice;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The funnel's own settings ({@code hirestream.funnel.*}).
 *
 * @param emitInterval how often each task sends its changed parts of rows on to be published
 * @param queryTimeout how long a query waits out a rebalance or restore before answering 503
 * @param maxStreams   how many live streams ({@code /api/funnel/stream}) one instance serves at once
 * @param commitInterval how often the tasks commit while caught up (while far behind, at
 *                     {@code commit.interval.ms}, which is longer)
 * @param catchUpLag   records of lag, summed over its input partitions, from which an instance is far behind
 * @param slices       the dimensions every row is also kept sliced by (cohort WEEK, SOURCE, and
 *                     DECLARATION for the adverse-impact check); NONE keeps the rows alone
 * @param fairnessMinimumGroupSize groups with fewer people considered are suppressed in the adverse-impact check
 * @param demoData     true where the numbers come from the demo's made-up traffic: the dashboard says so
 * @param processingNice the Linux nice value (1 to 19; 19 by default) of the threads that process and follow
 *                     events, below the queries' (see {@link ProcessingPriority}); 0 leaves them at the queries' priority
 */
@ConfigurationProperties("hirestream.funnel")
public record FunnelSettings(Duration emitInterval, Duration queryTimeout, int maxStreams, Duration commitInterval,
                             long catchUpLag, @Nullable List<String> slices, @Min(1) int fairnessMinimumGroupSize,
                             boolean demoData, @Min(0) @Max(19) int processingNice) {

    /** The dimensions {@link #slices} names; a name that is none of them stops the service at start, saying so. */
    public Set<Slice.Dimension> slicedBy() {
        Set<Slice.Dimension> dimensions = EnumSet.noneOf(Slice.Dimension.class);
        for (String name : slices == null ? List.<String>of() : slices) {
            if (name.isBlank() || name.trim().equals("NONE")) {
                continue;
            }
            try {
                dimensions.add(Slice.Dimension.valueOf(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("FUNNEL_SLICES (hirestream.funnel.slices) names " + name
                        + ": it takes WEEK, SOURCE, DECLARATION (comma-separated) or NONE", e);
            }
        }
        return dimensions;
    }
}
