package io.hirestream.service.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors of paged lists: the last key of a page, encoded, so that clients pass it back as it is. */
public final class Cursors {

    private static final int MAX_LENGTH = 1_000;

    private Cursors() {
    }

    public static String of(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor names; 400 naming {@code cursor} for one this service did not give out. */
    public static String key(String cursor) {
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", "cursor is not one this service gave out; pass nextCursor as it came");
        }
    }
}
