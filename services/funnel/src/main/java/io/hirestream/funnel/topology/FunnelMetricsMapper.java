package io.hirestream.funnel.topology;

import io.hirestream.events.CohortDimension;
import io.hirestream.events.Conversion;
import io.hirestream.events.DecisionCounts;
import io.hirestream.events.DurationPercentiles;
import io.hirestream.events.FairnessDimension;
import io.hirestream.events.FairnessGroup;
import io.hirestream.events.FunnelCohortMetrics;
import io.hirestream.events.FunnelFairness;
import io.hirestream.events.FunnelMetrics;
import io.hirestream.events.StageCounts;
import io.hirestream.events.TimeToStage;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** Between the funnel's rows and the {@code FunnelMetrics} records of the metrics topic. */
public final class FunnelMetricsMapper {

    private FunnelMetricsMapper() {
    }

    public static FunnelMetrics toMetrics(RowKey key, FunnelCounts counts, Instant asOf) {
        FunnelRow row = FunnelRow.of(key.role(), key.location(), counts);
        return FunnelMetrics.newBuilder()
                .setRole(key.role())
                .setLocation(key.location())
                .setAsOf(asOf)
                .setReached(stageCounts(row.reached()))
                .setPassed(decisionCounts(row.passed()))
                .setRejected(decisionCounts(row.rejected()))
                .setActive(stageCounts(row.active()))
                .setConversion(Conversion.newBuilder()
                        .setAppliedToScreened(row.conversion().get(FunnelRow.APPLIED_TO_SCREENED))
                        .setScreenedToInterviewed(row.conversion().get(FunnelRow.SCREENED_TO_INTERVIEWED))
                        .setInterviewedToOffered(row.conversion().get(FunnelRow.INTERVIEWED_TO_OFFERED))
                        .setOverall(row.conversion().get(FunnelRow.OVERALL))
                        .build())
                .setTimeToStageMillis(TimeToStage.newBuilder()
                        .setScreened(percentiles(row.timeToStageMillis().get(Stage.SCREENED)))
                        .setInterviewed(percentiles(row.timeToStageMillis().get(Stage.INTERVIEWED)))
                        .setOffered(percentiles(row.timeToStageMillis().get(Stage.OFFERED)))
                        .build())
                .build();
    }

    /** A slice of a row (a cohort week, a source) as the cohorts topic carries it. */
    public static FunnelCohortMetrics toCohortMetrics(RowKey key, FunnelCounts counts, Instant asOf) {
        return FunnelCohortMetrics.newBuilder()
                .setDimension(CohortDimension.valueOf(key.slice().dimension().name()))
                .setGroup(key.slice().group())
                .setRow(toMetrics(key, counts, asOf))
                .build();
    }

    /**
     * The counts of the adverse-impact check of a (role, location) for one grouping, as the
     * fairness topic carries them: each group's reached and passed counts, or none where the group
     * has fewer applications than the minimum group size.
     */
    static FunnelFairness toFairness(RowCombiner.Published published, int minimumGroupSize) {
        List<FairnessGroup> groups = new ArrayList<>();
        published.groups().forEach((group, counts) -> {
            if (counts.isEmpty()) {
                return;
            }
            boolean suppressed = counts.reached(Stage.APPLIED) < minimumGroupSize;
            FunnelRow row = FunnelRow.of(published.row().role(), published.row().location(), counts);
            groups.add(new FairnessGroup(group, suppressed, suppressed ? null : stageCounts(row.reached()),
                    suppressed ? null : decisionCounts(row.passed())));
        });
        return new FunnelFairness(published.row().role(), published.row().location(),
                FairnessDimension.valueOf(published.grouping().name()), published.asOf(), minimumGroupSize, groups);
    }

    /** The row a metrics record carries, as the HTTP API shows rows. */
    public static FunnelRow toRow(FunnelMetrics metrics) {
        Map<Stage, Long> reached = stages(metrics.getReached());
        Map<Stage, Long> active = stages(metrics.getActive());
        Map<Stage, Long> passed = decisions(metrics.getPassed());
        Map<Stage, Long> rejected = decisions(metrics.getRejected());
        Map<String, Double> conversion = new LinkedHashMap<>();
        conversion.put(FunnelRow.APPLIED_TO_SCREENED, metrics.getConversion().getAppliedToScreened());
        conversion.put(FunnelRow.SCREENED_TO_INTERVIEWED, metrics.getConversion().getScreenedToInterviewed());
        conversion.put(FunnelRow.INTERVIEWED_TO_OFFERED, metrics.getConversion().getInterviewedToOffered());
        conversion.put(FunnelRow.OVERALL, metrics.getConversion().getOverall());
        Map<Stage, FunnelRow.Percentiles> times = new EnumMap<>(Stage.class);
        times.put(Stage.SCREENED, percentiles(metrics.getTimeToStageMillis().getScreened()));
        times.put(Stage.INTERVIEWED, percentiles(metrics.getTimeToStageMillis().getInterviewed()));
        times.put(Stage.OFFERED, percentiles(metrics.getTimeToStageMillis().getOffered()));
        return new FunnelRow(metrics.getRole(), metrics.getLocation(), reached, passed, rejected, active, conversion, times);
    }

    private static StageCounts stageCounts(Map<Stage, Long> counts) {
        return new StageCounts(counts.get(Stage.APPLIED), counts.get(Stage.SCREENED), counts.get(Stage.INTERVIEWED),
                counts.get(Stage.OFFERED));
    }

    private static DecisionCounts decisionCounts(Map<Stage, Long> counts) {
        return new DecisionCounts(counts.get(Stage.SCREENED), counts.get(Stage.INTERVIEWED));
    }

    private static DurationPercentiles percentiles(FunnelRow.Percentiles percentiles) {
        return new DurationPercentiles(percentiles.count(), percentiles.p50(), percentiles.p90());
    }

    private static FunnelRow.Percentiles percentiles(DurationPercentiles percentiles) {
        return new FunnelRow.Percentiles(percentiles.getCount(), percentiles.getP50(), percentiles.getP90());
    }

    private static Map<Stage, Long> stages(StageCounts counts) {
        Map<Stage, Long> map = new EnumMap<>(Stage.class);
        map.put(Stage.APPLIED, counts.getApplied());
        map.put(Stage.SCREENED, counts.getScreened());
        map.put(Stage.INTERVIEWED, counts.getInterviewed());
        map.put(Stage.OFFERED, counts.getOffered());
        return map;
    }

    private static Map<Stage, Long> decisions(DecisionCounts counts) {
        Map<Stage, Long> map = new EnumMap<>(Stage.class);
        map.put(Stage.SCREENED, counts.getScreened());
        map.put(Stage.INTERVIEWED, counts.getInterviewed());
        return map;
    }
}
