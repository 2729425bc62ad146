package io.hirestream.funnel.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows are listed most applications first, then by role and location; pages resume after the last row they held. */
class RowOrderTest {

    @Test
    void pagesListEveryRowOnceMostApplicationsFirstThenByRoleAndLocation() {
        List<FunnelRow> rows = List.of(row("Designer", "Berlin", 3), row("Engineer", "Remote", 9), row("Engineer", "Berlin", 3),
                row("Analyst", "Remote", 3), row("Designer", "Remote", 12));

        List<String> listed = new ArrayList<>();
        RowOrder after = null;
        int pages = 0;
        do {
            RowOrder.Page page = RowOrder.page(rows, after, 2);
            page.rows().forEach(row -> listed.add(row.role() + "/" + row.location()));
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(listed).containsExactly("Designer/Remote", "Engineer/Remote", "Analyst/Remote", "Designer/Berlin",
                "Engineer/Berlin");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aPageThatHoldsTheLastRowSaysThereIsNoNext() {
        List<FunnelRow> rows = List.of(row("Engineer", "Remote", 2), row("Designer", "Remote", 1));

        assertThat(RowOrder.page(rows, null, 2).next()).isNull();
        assertThat(RowOrder.page(rows, null, 1).next()).isEqualTo(new RowOrder(2, "Engineer", "Remote"));
    }

    @Test
    void aRollupsMissingRoleSortsAsEmpty() {
        FunnelRow berlin = FunnelRow.ofLocation("Berlin", counts(4));
        FunnelRow remote = FunnelRow.ofLocation("Remote", counts(4));

        assertThat(RowOrder.page(List.of(remote, berlin), null, 10).rows()).containsExactly(berlin, remote);
    }

    private static FunnelRow row(String role, String location, int applications) {
        return FunnelRow.of(role, location, counts(applications));
    }

    private static FunnelCounts counts(int applications) {
        FunnelCounts counts = new FunnelCounts();
        for (int i = 0; i < applications; i++) {
            counts.add(ApplicationState.EMPTY.with(new StageEvent("e" + i, "a" + i, Stage.APPLIED, "r", "l", i, Decision.NONE)), 1);
        }
        return counts;
    }
}
