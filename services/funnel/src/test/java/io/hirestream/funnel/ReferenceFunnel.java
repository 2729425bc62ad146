package io.hirestream.funnel;

import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel semantics ("What the numbers mean" in services/funnel/README.md), written as plainly as possible and sharing no code with the funnel:
 * the oracle the topology is held to. Percentiles here are exact (nearest rank).
 */
public final class ReferenceFunnel {

    private ReferenceFunnel() {
    }

    /** The expected rows, keyed by "role|location". */
    public static Map<String, Row> compute(Collection<StageEvent> events) {
        return compute(events, (row, stages) -> row);
    }

    /**
     * The expected cohort rows, keyed by "role|location|week": the ISO week (UTC) of the standing
     * applied event, or of the earliest standing event without one.
     */
    public static Map<String, Row> cohorts(Collection<StageEvent> events) {
        return compute(events, (row, stages) -> {
            long first = stages.containsKey(Stage.APPLIED) ? stages.get(Stage.APPLIED).occurredAt()
                    : stages.values().stream().mapToLong(StageEvent::occurredAt).min().orElseThrow();
            ZonedDateTime at = Instant.ofEpochMilli(first).atZone(ZoneOffset.UTC);
            return row + "|" + String.format("%d-W%02d", at.get(IsoFields.WEEK_BASED_YEAR), at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        });
    }

    /** The expected source rows, keyed by "role|location|source": the standing applied event's, UNKNOWN without one. */
    public static Map<String, Row> sources(Collection<StageEvent> events) {
        return compute(events, (row, stages) -> row + "|"
                + (stages.containsKey(Stage.APPLIED) && stages.get(Stage.APPLIED).source() != null
                ? stages.get(Stage.APPLIED).source() : "UNKNOWN"));
    }

    /**
     * The expected rows by declaration, keyed by "role|location|sex|raceEthnicity|veteran|disability":
     * the candidate's declaration as it last stands (none, or erased: DECLINED in every category).
     */
    public static Map<String, Row> declarations(Collection<StageEvent> events, Map<String, List<String>> declared) {
        return compute(events, (row, stages) -> {
            List<String> categories = declared.getOrDefault(stages.values().iterator().next().applicationId(),
                    List.of("DECLINED", "DECLINED", "DECLINED", "DECLINED"));
            return row + "|" + String.join("|", categories);
        });
    }

    /** Which row an application counts in, given its "role|location" and its standing event per stage. */
    private interface RowOf {
        String key(String row, Map<Stage, StageEvent> stages);
    }

    private static Map<String, Row> compute(Collection<StageEvent> events, RowOf rowOf) {
        Map<String, StageEvent> unique = new LinkedHashMap<>();
        events.forEach(event -> unique.putIfAbsent(event.eventId(), event));
        Map<String, Map<Stage, StageEvent>> byApplication = new HashMap<>();
        Comparator<StageEvent> earliest = Comparator.comparingLong(StageEvent::occurredAt).thenComparing(StageEvent::eventId);
        for (StageEvent event : unique.values()) {
            byApplication.computeIfAbsent(event.applicationId(), id -> new HashMap<>())
                    .merge(event.stage(), event, (a, b) -> earliest.compare(a, b) <= 0 ? a : b);
        }
        Map<String, Row> rows = new TreeMap<>();
        for (Map<Stage, StageEvent> stages : byApplication.values()) {
            Stage furthest = null;
            StageEvent lowest = null;
            for (Stage stage : Stage.values()) {
                if (stages.containsKey(stage)) {
                    furthest = stage;
                    if (lowest == null) {
                        lowest = stages.get(stage);
                    }
                }
            }
            Row row = rows.computeIfAbsent(rowOf.key(lowest.role() + "|" + lowest.location(), stages), key -> new Row());
            for (Stage stage : Stage.values()) {
                if (stage.ordinal() <= furthest.ordinal()) {
                    row.reached[stage.ordinal()]++;
                }
            }
            boolean rejected = false;
            for (Stage stage : List.of(Stage.SCREENED, Stage.INTERVIEWED)) {
                int d = stage == Stage.SCREENED ? 0 : 1;
                StageEvent at = stages.get(stage);
                if ((at != null && at.decision() == Decision.PASSED) || furthest.ordinal() > stage.ordinal()) {
                    row.passed[d]++;
                }
                if (furthest == stage && at.decision() == Decision.REJECTED) {
                    row.rejected[d]++;
                    rejected = true;
                }
            }
            if (!rejected) {
                row.active[furthest.ordinal()]++;
            }
            StageEvent applied = stages.get(Stage.APPLIED);
            for (Stage stage : List.of(Stage.SCREENED, Stage.INTERVIEWED, Stage.OFFERED)) {
                StageEvent at = stages.get(stage);
                if (applied != null && at != null) {
                    row.durations.get(stage).add(Math.max(0, at.occurredAt() - applied.occurredAt()));
                }
            }
        }
        return rows;
    }

    /** The expected numbers of one row. */
    public static final class Row {
        public final long[] reached = new long[4];
        public final long[] passed = new long[2];
        public final long[] rejected = new long[2];
        public final long[] active = new long[4];
        public final Map<Stage, List<Long>> durations = new HashMap<>(Map.of(
                Stage.SCREENED, new ArrayList<>(), Stage.INTERVIEWED, new ArrayList<>(), Stage.OFFERED, new ArrayList<>()));

        /** Exact nearest-rank percentile, or null when there are no durations. */
        public Long percentile(Stage stage, double q) {
            List<Long> sorted = new ArrayList<>(durations.get(stage));
            if (sorted.isEmpty()) {
                return null;
            }
            sorted.sort(null);
            int rank = (int) Math.max(1, Math.ceil(q * sorted.size()));
            return sorted.get(rank - 1);
        }
    }
}
