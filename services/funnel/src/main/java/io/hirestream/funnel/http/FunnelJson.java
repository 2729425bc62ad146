package io.hirestream.funnel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * An answer of the funnel API: a page of the rows asked for, and the total of all of them.
 *
 * @param asOf       when the answer was computed
 * @param rows       one per (role, location), or per role or location in a rollup; most applications first
 * @param total      every row asked for summed, whatever the page
 * @param nextCursor where the next page starts ({@code cursor=}), null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FunnelJson(Instant asOf, List<RowJson> rows, RowJson total, String nextCursor) {
}
