package io.hirestream.funnel.domain;

import java.util.Comparator;

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
}
