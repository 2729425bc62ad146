package io.hirestream.funnel.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RowKeyTest {

    @Test
    void theMetricsKeyIsAJsonArrayThatSurvivesQuotesCommasAndBackslashes() {
        RowKey tricky = new RowKey("Engineer, \"Platform\" \\ Infra", "São Paulo,\tBR");

        assertThat(new RowKey("Machine Learning Engineer", "Remote, US").toKey())
                .isEqualTo("[\"Machine Learning Engineer\",\"Remote, US\"]");
        assertThat(RowKey.parse(tricky.toKey())).isEqualTo(tricky);
    }

    /** Two rows are the same row exactly when they have the same key on the topics, and then the same hash. */
    @Property(tries = 2000)
    void rowsAreEqualExactlyWhenTheirKeysAreAndEqualRowsHashAlike(@ForAll("rows") RowKey one, @ForAll("rows") RowKey other) {
        assertThat(one.equals(other)).as(one + " equals " + other).isEqualTo(one.toKey().equals(other.toKey()));
        if (one.equals(other)) {
            assertThat(one.hashCode()).isEqualTo(other.hashCode());
        }
    }

    /**
     * A funnel of numbered roles and locations, as many employers name them, and each row's weekly
     * cohorts: every row and slice has a hash of its own, so the view's maps find each at once.
     */
    @Test
    void numberedRolesAndLocationsHashApart() {
        Set<Integer> hashes = new HashSet<>();
        int rows = 0;
        for (int role = 0; role < 100; role++) {
            for (int location = 0; location < 100; location++) {
                RowKey row = new RowKey("Role " + role, "Location " + location);
                hashes.add(row.hashCode());
                rows++;
                for (int week = 1; week <= 3; week++) {
                    hashes.add(row.in(new Slice(Slice.Dimension.WEEK, "2026-W0" + week)).hashCode());
                    rows++;
                }
            }
        }

        assertThat(hashes).as("distinct hashes of %,d rows and slices", rows).hasSize(rows);
    }

    /** Few values of each part, so that pairs share some parts and not others. */
    @Provide
    Arbitrary<RowKey> rows() {
        Arbitrary<String> names = Arbitraries.of("a", "b", "");
        Arbitrary<Slice> slices = Arbitraries.of(Slice.Dimension.class).flatMap(dimension ->
                names.map(group -> new Slice(dimension, group))).injectNull(0.3);
        // Strings made anew, so that equal parts are distinct objects, as a parsed key's are.
        return names.flatMap(role -> names.flatMap(location -> slices.map(slice ->
                new RowKey(new String(role), new String(location), slice == null ? null
                        : new Slice(slice.dimension(), new String(slice.group()))))));
    }
}
