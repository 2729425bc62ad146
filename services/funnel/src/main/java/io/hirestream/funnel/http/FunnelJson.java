package io.hirestream.funnel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * An answer of the funnel API: the rows asked for and their total.
 *
 * @param asOf  when the answer was computed
 * @param rows  one per (role, location), or per role or location in a rollup
 * @param total the rows summed
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FunnelJson(Instant asOf, List<RowJson> rows, RowJson total) {
}
