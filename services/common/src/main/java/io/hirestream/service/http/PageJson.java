package io.hirestream.service.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A page of a list route: its items, and the cursor of the next page (null after the last). Both
 * are always written, an empty list and a null cursor included: Micronaut Serialization leaves
 * those out by default, and a client reading an empty page, or the last, must find them there.
 *
 * @param items      this page
 * @param nextCursor pass as {@code cursor} for the next page; null where this is the last
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PageJson<T>(List<T> items, String nextCursor) {
}
