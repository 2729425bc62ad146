package io.hirestream.funnel.http;

import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowOrder;
import io.hirestream.service.http.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page's {@code cursor}: the position of the last row it held, opaque to clients (base64url of
 * the row's APPLIED count, role and location; for cohorts' rows, the week first). The next page starts after that position, so a
 * row whose count changed between two pages may show on both or on neither; every row that did
 * not move shows exactly once.
 */
final class PageCursor {

    private static final char SEPARATOR = '\u0000';

    private PageCursor() {
    }

    static String write(RowOrder position) {
        return encode(text(position));
    }

    /** A page of slices' rows ends in a group (a week): the group comes first. */
    static String write(FunnelView.SlicePosition position) {
        return encode(position.group() + SEPARATOR + PageCursor.text(position.row()));
    }

    /** The position a cursor names; null for none; 400 naming {@code cursor} for anything this service did not write. */
    static RowOrder read(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        return row(parts(cursor), 0);
    }

    /** As {@link #read}, for a cursor of slices' rows. */
    static FunnelView.SlicePosition readSlice(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String[] parts = parts(cursor);
        return new FunnelView.SlicePosition(parts[0], row(parts, 1));
    }

    private static String text(RowOrder position) {
        return position.applied() + String.valueOf(SEPARATOR) + position.role() + SEPARATOR + position.location();
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] parts(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
        } catch (IllegalArgumentException notOurs) {
            throw refused();
        }
    }

    /** The row position in the last three parts, from {@code first} on. */
    private static RowOrder row(String[] parts, int first) {
        if (parts.length == first + 3) {
            try {
                long applied = Long.parseLong(parts[first]);
                if (applied >= 0) {
                    return new RowOrder(applied, parts[first + 1], parts[first + 2]);
                }
            } catch (NumberFormatException notOurs) {
                // falls through to the refusal
            }
        }
        throw refused();
    }

    private static ProblemException refused() {
        return ProblemException.badRequest("cursor", "cursor must be a nextCursor this API answered with");
    }
}
