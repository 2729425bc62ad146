package io.hirestream.service.http;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A page of a list route: its items, and the cursor of the next page (null after the last).
 *
 * @param items      this page
 * @param nextCursor pass as {@code cursor} for the next page; null where this is the last
 */
@Serdeable
public record PageJson<T>(List<T> items, String nextCursor) {
}
