package io.hirestream.funnel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.Stage;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A funnel row on the wire: counts by stage name, conversion rates as fractions, and
 * time-to-stage percentiles in milliseconds. Role or location is null in a rollup that spans them.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RowJson(String role,
                      String location,
                      Map<String, Long> reached,
                      Map<String, Long> passed,
                      Map<String, Long> rejected,
                      Map<String, Long> active,
                      Map<String, Double> conversion,
                      Map<String, PercentilesJson> timeToStageMillis) {

    public static RowJson of(FunnelRow row) {
        Map<String, PercentilesJson> times = new LinkedHashMap<>();
        row.timeToStageMillis().forEach((stage, p) -> times.put(stage.name(), new PercentilesJson(p.count(), p.p50(), p.p90())));
        return new RowJson(row.role(), row.location(), names(row.reached()), names(row.passed()), names(row.rejected()),
                names(row.active()), new LinkedHashMap<>(row.conversion()), times);
    }

    private static Map<String, Long> names(Map<Stage, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((stage, count) -> named.put(stage.name(), count));
        return named;
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
