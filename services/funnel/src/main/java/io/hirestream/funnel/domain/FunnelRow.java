package io.hirestream.funnel.domain;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A funnel row as recruiters and analytics see it: the counts, the conversion rates recomputed
 * from them, and time-to-stage percentiles. A rollup is a row too, built from summed counts
 * (never from averaged rates); its role or location is null where it spans all of them.
 *
 * @param role               the row's role, or null in a rollup over roles
 * @param location           the row's location, or null in a rollup over locations
 * @param reached            applications whose furthest stage is at least the stage
 * @param passed             at SCREENED and INTERVIEWED
 * @param rejected           at SCREENED and INTERVIEWED
 * @param active             applications whose furthest stage is the stage and that are not rejected
 * @param conversion         APPLIED_TO_SCREENED, SCREENED_TO_INTERVIEWED, INTERVIEWED_TO_OFFERED, OVERALL
 * @param timeToStageMillis  per stage beyond APPLIED: count, p50, p90 (p50 and p90 null when count is 0)
 */
public record FunnelRow(String role,
                        String location,
                        Map<Stage, Long> reached,
                        Map<Stage, Long> passed,
                        Map<Stage, Long> rejected,
                        Map<Stage, Long> active,
                        Map<String, Double> conversion,
                        Map<Stage, Percentiles> timeToStageMillis) {

    public static final String APPLIED_TO_SCREENED = "APPLIED_TO_SCREENED";
    public static final String SCREENED_TO_INTERVIEWED = "SCREENED_TO_INTERVIEWED";
    public static final String INTERVIEWED_TO_OFFERED = "INTERVIEWED_TO_OFFERED";
    public static final String OVERALL = "OVERALL";

    public static FunnelRow of(String role, String location, FunnelCounts source) {
        return of(role, location, source.shown());
    }

    /** As {@link #of}, from what was taken of the counts under their lock. */
    static FunnelRow of(String role, String location, FunnelCounts.Shown counts) {
        Map<Stage, Long> reached = new EnumMap<>(Stage.class);
        Map<Stage, Long> active = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            reached.put(stage, counts.reached()[stage.ordinal()]);
            active.put(stage, counts.active()[stage.ordinal()]);
        }
        Map<Stage, Long> passed = new EnumMap<>(Stage.class);
        Map<Stage, Long> rejected = new EnumMap<>(Stage.class);
        for (int d = 0; d < FunnelCounts.DECIDING.length; d++) {
            passed.put(FunnelCounts.DECIDING[d], counts.passed()[d]);
            rejected.put(FunnelCounts.DECIDING[d], counts.rejected()[d]);
        }
        Map<String, Double> conversion = new LinkedHashMap<>();
        conversion.put(APPLIED_TO_SCREENED, ratio(reached.get(Stage.SCREENED), reached.get(Stage.APPLIED)));
        conversion.put(SCREENED_TO_INTERVIEWED, ratio(reached.get(Stage.INTERVIEWED), reached.get(Stage.SCREENED)));
        conversion.put(INTERVIEWED_TO_OFFERED, ratio(reached.get(Stage.OFFERED), reached.get(Stage.INTERVIEWED)));
        conversion.put(OVERALL, ratio(reached.get(Stage.OFFERED), reached.get(Stage.APPLIED)));
        Map<Stage, Percentiles> times = new EnumMap<>(Stage.class);
        for (int t = 0; t < FunnelCounts.TIMED.length; t++) {
            times.put(FunnelCounts.TIMED[t], counts.times()[t]);
        }
        return new FunnelRow(role, location, reached, passed, rejected, active, conversion, times);
    }

    /** reached[next] / reached[S], 0 where the denominator is 0. */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /**
     * Time-to-stage percentiles.
     *
     * @param count how many applications they are over
     * @param p50   median in milliseconds, null when count is 0
     * @param p90   90th percentile in milliseconds, null when count is 0
     */
    public record Percentiles(long count, Long p50, Long p90) {

        static Percentiles of(DurationSketch sketch) {
            return sketch.count() == 0
                    ? new Percentiles(0, null, null)
                    : new Percentiles(sketch.count(), sketch.quantile(0.5), sketch.quantile(0.9));
        }
    }
}
