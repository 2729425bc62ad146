package io.hirestream.service.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A page of a list route: its items, and the cursor of the next page (null after the last).
 *
 * @param items      this page
 * @param nextCursor pass as {@code cursor} for the next page; null where this is the last
 */
@Serdeable
// Both always written: Micronaut Serialization leaves out empty lists and nulls by default, and a
// client reading an empty page, or the last, must find its items and its null cursor there.
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PageJson<T>(List<T> items, String nextCursor) {
}
