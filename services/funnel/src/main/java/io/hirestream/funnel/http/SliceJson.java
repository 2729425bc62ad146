package io.hirestream.funnel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Answers of the funnel's cohort and source routes: rows of the same fields as the funnel's, with the slice they are of. */
final class SliceJson {

    private SliceJson() {
    }

    /**
     * A row of one cohort week.
     *
     * @param cohort the ISO week, {@code 2026-W48}
     * @param row    the row's fields, as {@code /api/funnel} shows them; role or location null in a total
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CohortRow(String cohort, @JsonUnwrapped RowJson row) {
    }

    /**
     * @param asOf       when the answer was computed
     * @param rows       a page of (role, location, cohort) rows: by week, then most applications first
     * @param totals     per week, every row asked for summed, whatever the page
     * @param nextCursor where the next page starts ({@code cursor=}), null on the last page
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Cohorts(Instant asOf, List<CohortRow> rows, List<CohortRow> totals, String nextCursor) {
    }

    /**
     * The funnel of one source over the rows asked for.
     *
     * @param source the applied event's source, {@code UNKNOWN} where an application has none
     * @param row    the row's fields, as {@code /api/funnel} shows them
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SourceRow(String source, @JsonUnwrapped RowJson row) {
    }

    /**
     * @param asOf when the answer was computed
     * @param rows one per source, most applications first
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Sources(Instant asOf, List<SourceRow> rows) {
    }
}
