package io.hirestream.service.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** The bounds of a paged list: {@code limit} 50 by default, at most 500. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Paging() {
    }

    /** The filters a list route was given, as field and value pairs; a null value is no filter. */
    public static Map<String, String> filters(String... fieldsAndValues) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != null) {
                filters.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        return filters;
    }

    /** The limit a list route was given: the default where none, 400 naming {@code limit} outside 1 to 500. */
    public static int limit(Integer given) {
        if (given == null) {
            return DEFAULT_LIMIT;
        }
        if (given < 1 || given > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "limit must be 1 to " + MAX_LIMIT + ", was " + given);
        }
        return given;
    }
}
