package io.hirestream.funnel.http;

import io.hirestream.funnel.domain.RowOrder;
import io.hirestream.service.http.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page's {@code cursor}: the position of the last row it held, opaque to clients (base64url of
 * the row's APPLIED count, role and location). The next page starts after that position, so a
 * row whose count changed between two pages may show on both or on neither; every row that did
 * not move shows exactly once.
 */
final class PageCursor {

    private static final char SEPARATOR = '\u0000';

    private PageCursor() {
    }

    static String write(RowOrder position) {
        String text = position.applied() + String.valueOf(SEPARATOR) + position.role() + SEPARATOR + position.location();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; null for none; 400 naming {@code cursor} for anything this service did not write. */
    static RowOrder read(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(String.valueOf(SEPARATOR), -1);
            if (parts.length == 3) {
                long applied = Long.parseLong(parts[0]);
                if (applied >= 0) {
                    return new RowOrder(applied, parts[1], parts[2]);
                }
            }
        } catch (IllegalArgumentException notOurs) {
            // falls through to the refusal (NumberFormatException is one too)
        }
        throw ProblemException.badRequest("cursor", "cursor must be a nextCursor this API answered with");
    }
}
