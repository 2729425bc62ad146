package io.hirestream.funnel.domain;

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

    public static RowOrder of(FunnelRow row) {
        return new RowOrder(row.reached().getOrDefault(Stage.APPLIED, 0L), row.role() == null ? "" : row.role(),
                row.location() == null ? "" : row.location());
    }

    /**
     * Written out rather than composed from {@link java.util.Comparator}'s combinators: every event
     * moves a few rows in their orders, and the composed comparator's calls through its lambdas
     * were among the hottest frames of a funnel instance under load (bench queries).
     */
    @Override
    public int compareTo(RowOrder other) {
        int byApplied = Long.compare(other.applied, applied);
        if (byApplied != 0) {
            return byApplied;
        }
        int byRole = role.compareTo(other.role);
        return byRole != 0 ? byRole : location.compareTo(other.location);
    }
}
