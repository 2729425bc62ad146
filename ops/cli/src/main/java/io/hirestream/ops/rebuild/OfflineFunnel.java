package io.hirestream.ops.rebuild;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The funnel semantics ("What the numbers mean" in services/funnel/README.md) computed offline, from the events of the four stage topics and
 * nothing else, to check the funnel's views against: dedupe by event id, the earliest event per
 * stage stands, rows by the role and location of the lowest standing event, exact nearest-rank
 * percentiles. Written apart from the funnel's code on purpose.
 */
public final class OfflineFunnel {

    /** One stage event, as the recomputation needs it. Stage 0 to 3; outcome null for APPLIED and OFFERED. */
    public record Event(String eventId, String applicationId, int stage, String role, String location, long occurredAt,
                        Boolean passed) {
    }

    private static final Comparator<Event> EARLIEST = Comparator.comparingLong(Event::occurredAt).thenComparing(Event::eventId);

    private final Set<String> seen = new LinkedHashSet<>();
    private final Map<String, Event[]> applications = new HashMap<>();

    public void add(Event event) {
        if (!seen.add(event.eventId())) {
            return;
        }
        Event[] stages = applications.computeIfAbsent(event.applicationId(), id -> new Event[4]);
        Event standing = stages[event.stage()];
        if (standing == null || EARLIEST.compare(event, standing) < 0) {
            stages[event.stage()] = event;
        }
    }

    public Map<String, FunnelRow> rows() {
        Map<String, long[][]> counts = new TreeMap<>();
        Map<String, List<List<Long>>> durations = new HashMap<>();
        Map<String, String[]> names = new HashMap<>();
        for (Event[] stages : applications.values()) {
            int furthest = -1;
            Event lowest = null;
            for (int s = 0; s < 4; s++) {
                if (stages[s] != null) {
                    furthest = s;
                    lowest = lowest == null ? stages[s] : lowest;
                }
            }
            String key = lowest.role() + " | " + lowest.location();
            names.putIfAbsent(key, new String[]{lowest.role(), lowest.location()});
            long[][] row = counts.computeIfAbsent(key, k -> new long[4][4]); // reached, passed, rejected, active
            for (int s = 0; s <= furthest; s++) {
                row[0][s]++;
            }
            boolean rejected = false;
            for (int s = 1; s <= 2; s++) {
                Event at = stages[s];
                if ((at != null && Boolean.TRUE.equals(at.passed())) || furthest > s) {
                    row[1][s - 1]++;
                }
                if (furthest == s && Boolean.FALSE.equals(at.passed())) {
                    row[2][s - 1]++;
                    rejected = true;
                }
            }
            if (!rejected) {
                row[3][furthest]++;
            }
            List<List<Long>> times = durations.computeIfAbsent(key, k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            for (int s = 1; s < 4; s++) {
                if (stages[0] != null && stages[s] != null) {
                    times.get(s - 1).add(Math.max(0, stages[s].occurredAt() - stages[0].occurredAt()));
                }
            }
        }
        Map<String, FunnelRow> rows = new TreeMap<>();
        counts.forEach((key, row) -> {
            List<List<Long>> times = durations.get(key);
            rows.put(key, new FunnelRow(names.get(key)[0], names.get(key)[1], row[0].clone(),
                    new long[]{row[1][0], row[1][1]}, new long[]{row[2][0], row[2][1]}, row[3].clone(),
                    times.stream().map(t -> nearestRank(t, 0.5)).toArray(Long[]::new),
                    times.stream().map(t -> nearestRank(t, 0.9)).toArray(Long[]::new)));
        });
        return rows;
    }

    private static Long nearestRank(List<Long> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
