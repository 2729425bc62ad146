package io.hirestream.ops.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import io.hirestream.events.DurationPercentiles;
import io.hirestream.events.FunnelMetrics;

import java.util.Arrays;
import java.util.List;

/**
 * One funnel row's numbers as the rebuild compares them, whichever source they come from: the
 * funnel's API, the metrics topic, or the offline recomputation. Stages in funnel order.
 *
 * @param reached  APPLIED, SCREENED, INTERVIEWED, OFFERED
 * @param passed   SCREENED, INTERVIEWED
 * @param rejected SCREENED, INTERVIEWED
 * @param active   APPLIED, SCREENED, INTERVIEWED, OFFERED
 * @param p50      time to SCREENED, INTERVIEWED, OFFERED in milliseconds (null where none)
 * @param p90      likewise
 */
public record FunnelRow(String role, String location, long[] reached, long[] passed, long[] rejected, long[] active,
                        Long[] p50, Long[] p90) {

    static final List<String> STAGES = List.of("APPLIED", "SCREENED", "INTERVIEWED", "OFFERED");
    static final List<String> DECIDING = List.of("SCREENED", "INTERVIEWED");
    static final List<String> LATER = List.of("SCREENED", "INTERVIEWED", "OFFERED");

    /** Percentiles may differ by the funnel sketch's 1% relative error (and a millisecond of rounding). */
    static final double PERCENTILE_TOLERANCE = 0.01;

    public String key() {
        return role + " | " + location;
    }

    /** Same counts, and percentiles within the tolerance. */
    public boolean matches(FunnelRow other) {
        return other != null && Arrays.equals(reached, other.reached) && Arrays.equals(passed, other.passed)
                && Arrays.equals(rejected, other.rejected) && Arrays.equals(active, other.active)
                && close(p50, other.p50) && close(p90, other.p90);
    }

    private static boolean close(Long[] a, Long[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null) {
                if (a[i] != b[i]) {
                    return false;
                }
            } else if (Math.abs(a[i] - b[i]) > Math.max(1, PERCENTILE_TOLERANCE * Math.max(a[i], b[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every count that only grows as events arrive (reached, passed, rejected) of {@code row}
     * lies between those of {@code lower} and {@code upper}; a missing row counts zero.
     */
    static boolean between(FunnelRow lower, FunnelRow row, FunnelRow upper) {
        if (row == null) {
            return lower == null;
        }
        return within(lower == null ? null : lower.reached, row.reached, upper == null ? null : upper.reached)
                && within(lower == null ? null : lower.passed, row.passed, upper == null ? null : upper.passed)
                && within(lower == null ? null : lower.rejected, row.rejected, upper == null ? null : upper.rejected);
    }

    private static boolean within(long[] lower, long[] value, long[] upper) {
        for (int i = 0; i < value.length; i++) {
            long low = lower == null ? 0 : lower[i];
            long high = upper == null ? 0 : upper[i];
            if (value[i] < low || value[i] > high) {
                return false;
            }
        }
        return true;
    }

    /** Reached per stage, for people: {@code 26/26/7/6}. */
    public String reachedText() {
        return Arrays.stream(reached).mapToObj(Long::toString).reduce((a, b) -> a + "/" + b).orElse("");
    }

    /** A row of {@code GET /api/funnel}. */
    static FunnelRow fromJson(JsonNode row) {
        return new FunnelRow(row.path("role").asText(), row.path("location").asText(),
                STAGES.stream().mapToLong(s -> row.path("reached").path(s).asLong()).toArray(),
                DECIDING.stream().mapToLong(s -> row.path("passed").path(s).asLong()).toArray(),
                DECIDING.stream().mapToLong(s -> row.path("rejected").path(s).asLong()).toArray(),
                STAGES.stream().mapToLong(s -> row.path("active").path(s).asLong()).toArray(),
                LATER.stream().map(s -> percentile(row.path("timeToStageMillis").path(s).path("p50"))).toArray(Long[]::new),
                LATER.stream().map(s -> percentile(row.path("timeToStageMillis").path(s).path("p90"))).toArray(Long[]::new));
    }

    private static Long percentile(JsonNode value) {
        return value.isNumber() ? value.asLong() : null;
    }

    /** A row of the metrics topic, as analytics consumers see it. */
    static FunnelRow fromMetrics(FunnelMetrics row) {
        var t = row.getTimeToStageMillis();
        List<DurationPercentiles> times = List.of(t.getScreened(), t.getInterviewed(), t.getOffered());
        return new FunnelRow(row.getRole(), row.getLocation(),
                new long[]{row.getReached().getApplied(), row.getReached().getScreened(), row.getReached().getInterviewed(),
                        row.getReached().getOffered()},
                new long[]{row.getPassed().getScreened(), row.getPassed().getInterviewed()},
                new long[]{row.getRejected().getScreened(), row.getRejected().getInterviewed()},
                new long[]{row.getActive().getApplied(), row.getActive().getScreened(), row.getActive().getInterviewed(),
                        row.getActive().getOffered()},
                times.stream().map(DurationPercentiles::getP50).toArray(Long[]::new),
                times.stream().map(DurationPercentiles::getP90).toArray(Long[]::new));
    }
}
