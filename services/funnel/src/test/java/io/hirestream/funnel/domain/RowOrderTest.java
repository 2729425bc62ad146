package io.hirestream.funnel.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows are listed with the most applications first, then by role, then by location. */
class RowOrderTest {

    @Property(tries = 300)
    void rowsAreOrderedByApplicationsDescendingThenRoleThenLocation(
            @ForAll @Size(max = 40) List<@LongRange(max = 3) Long> applied,
            @ForAll @Size(max = 40) List<@StringLength(max = 2) String> roles,
            @ForAll @Size(max = 40) List<@StringLength(max = 2) String> locations) {
        List<RowOrder> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(applied.size(), Math.min(roles.size(), locations.size())); i++) {
            rows.add(new RowOrder(applied.get(i), roles.get(i), locations.get(i)));
        }

        List<RowOrder> listed = new ArrayList<>(new TreeSet<>(rows));
        for (int i = 1; i < listed.size(); i++) {
            RowOrder before = listed.get(i - 1);
            RowOrder after = listed.get(i);
            assertThat(before.applied()).isGreaterThanOrEqualTo(after.applied());
            if (before.applied() == after.applied()) {
                assertThat(before.role()).isLessThanOrEqualTo(after.role());
                if (before.role().equals(after.role())) {
                    assertThat(before.location()).isLessThan(after.location());
                }
            }
        }
        assertThat(listed).as("each row listed once").containsExactlyInAnyOrderElementsOf(rows.stream().distinct().toList());
    }
}
