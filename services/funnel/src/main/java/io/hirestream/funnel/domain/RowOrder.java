package io.hirestream.funnel.domain;

import java.util.Comparator;
import java.util.List;

/**
 * The order rows are listed and paged in: most applications first (reached APPLIED, descending),
 * then by role and by location (a rollup's missing role or location sorts first). A position in
 * that order is what a page resumes after.
 *
 * @param applied  the row's reached APPLIED
 * @param role     its role, "" in a rollup over roles
 * @param location its location, "" in a rollup over locations
 */
public record RowOrder(long applied, String role, String location) implements Comparable<RowOrder> {

    private static final Comparator<RowOrder> ORDER = Comparator.comparingLong(RowOrder::applied).reversed()
            .thenComparing(RowOrder::role).thenComparing(RowOrder::location);

    public static RowOrder of(FunnelRow row) {
        return new RowOrder(row.reached().getOrDefault(Stage.APPLIED, 0L), row.role() == null ? "" : row.role(),
                row.location() == null ? "" : row.location());
    }

    @Override
    public int compareTo(RowOrder other) {
        return ORDER.compare(this, other);
    }

    /** The rows in this order, from just after {@code after} (null: from the first), at most {@code limit}. */
    public static Page page(List<FunnelRow> rows, RowOrder after, int limit) {
        List<FunnelRow> sorted = rows.stream()
                .filter(row -> after == null || of(row).compareTo(after) > 0)
                .sorted(Comparator.comparing(RowOrder::of))
                .toList();
        List<FunnelRow> page = sorted.subList(0, Math.min(limit, sorted.size()));
        RowOrder next = sorted.size() > limit ? of(page.getLast()) : null;
        return new Page(page, next);
    }

    /** One page of rows, and where the next starts after (null on the last page). */
    public record Page(List<FunnelRow> rows, RowOrder next) {
    }
}
