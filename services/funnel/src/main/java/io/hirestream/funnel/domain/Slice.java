package io.hirestream.funnel.domain;

import java.time.temporal.IsoFields;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A group of applications that share one trait, within a funnel row: the week they applied in (a
 * cohort), the source they came through, or what the candidates declared for equal-opportunity
 * monitoring. The funnel keeps the same counts for every (role,
 * location, slice) as for every (role, location), by the same rules.
 *
 * @param dimension which trait
 * @param group     the application's value of it, e.g. {@code 2026-W48} or {@code REFERRAL}
 */
public record Slice(Dimension dimension, String group) {

    /** Source of an application without a (standing) applied event, or of a writer that sent none. */
    public static final String UNKNOWN_SOURCE = "UNKNOWN";

    public Slice {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(group, "group");
    }

    /** Written out for the reason {@link RowKey#equals} is. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Slice slice && dimension == slice.dimension && group.equals(slice.group);
    }

    @Override
    public int hashCode() {
        return 31 * dimension.ordinal() + group.hashCode();
    }

    /** The traits the funnel slices rows by. */
    public enum Dimension {
        /** The ISO-8601 week (UTC) the application was submitted in: its cohort. */
        WEEK,
        /** The source of the application's applied event. */
        SOURCE,
        /**
         * What the candidate declared for equal-opportunity monitoring, every category at once
         * ({@code FEMALE|ASIAN|DECLINED|NO}): selection rates by any one category, or by sex and
         * race/ethnicity together, are sums over these groups. Never listed or published per group.
         */
        DECLARATION
    }

    /** The cohort of an application first seen at this time: its ISO week, {@code 2026-W48}. */
    public static Slice week(long epochMillis) {
        return Weeks.of(epochMillis);
    }

    public static Slice source(String source) {
        return Known.remembered(Known.SOURCES, source == null ? UNKNOWN_SOURCE : source, s -> new Slice(Dimension.SOURCE, s));
    }

    /** The slice of an application with this declaration. */
    static Slice declared(Declaration declaration) {
        return Known.remembered(Known.DECLARATIONS, declaration, d -> new Slice(Dimension.DECLARATION, d.group()));
    }

    /**
     * Slices by source and by declaration: a handful of values (the Avro enums' symbols), each asked
     * for twice per event, and made once. Beyond what any schema declares, made afresh.
     */
    private static final class Known {
        private static final int LIMIT = 10_000;
        private static final ConcurrentHashMap<String, Slice> SOURCES = new ConcurrentHashMap<>();
        private static final ConcurrentHashMap<Declaration, Slice> DECLARATIONS = new ConcurrentHashMap<>();

        static <K> Slice remembered(ConcurrentHashMap<K, Slice> known, K key, java.util.function.Function<K, Slice> make) {
            Slice slice = known.get(key);
            if (slice == null) {
                slice = make.apply(key);
                if (known.size() < LIMIT) {
                    known.putIfAbsent(key, slice);
                }
            }
            return slice;
        }
    }

    /** ISO weeks by the epoch day of their Monday: an event's week is asked for twice per event, and made once. */
    private static final class Weeks {
        private static final ConcurrentHashMap<Long, Slice> KNOWN = new ConcurrentHashMap<>();

        static Slice of(long epochMillis) {
            long day = Math.floorDiv(epochMillis, 86_400_000L);
            // 1970-01-01 was a Thursday: Monday-based weeks start on days congruent to 4 (mod 7).
            long monday = day - Math.floorMod(day - 4, 7);
            // Bounded: a producer's made-up times must not grow it for ever.
            return Known.remembered(KNOWN, monday, Weeks::name);
        }

        private static Slice name(Long monday) {
            LocalDate date = LocalDate.ofEpochDay(monday);
            return new Slice(Dimension.WEEK, String.format("%04d-W%02d",
                    date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        }
    }
}
