package io.hirestream.funnel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.Stage;
import io.micronaut.serde.annotation.Serdeable;

import java.util.EnumMap;
import java.util.Map;

/**
 * A funnel row on the wire: counts by stage name, conversion rates as fractions, and
 * time-to-stage percentiles in milliseconds. Role or location is null in a rollup that spans them.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RowJson(String role,
                      String location,
                      Map<Stage, Long> reached,
                      Map<Stage, Long> passed,
                      Map<Stage, Long> rejected,
                      Map<Stage, Long> active,
                      Map<String, Double> conversion,
                      Map<Stage, PercentilesJson> timeToStageMillis) {

    /**
     * The row's own maps, keyed by stage (written as the stage's name, in stage order), not copies:
     * copying a page's 600 maps was about a fifth of what a funnel instance allocated under
     * {@code bench queries}.
     */
    public static RowJson of(FunnelRow row) {
        Map<Stage, PercentilesJson> times = new EnumMap<>(Stage.class);
        row.timeToStageMillis().forEach((stage, p) -> times.put(stage, new PercentilesJson(p.count(), p.p50(), p.p90())));
        return new RowJson(row.role(), row.location(), row.reached(), row.passed(), row.rejected(), row.active(),
                row.conversion(), times);
    }

    /**
     * @param count how many applications the percentiles are over
     * @param p50   median, null when count is 0
     * @param p90   90th percentile, null when count is 0
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PercentilesJson(long count, Long p50, Long p90) {
    }
}
