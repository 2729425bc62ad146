package io.hirestream.funnel.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the funnel: a (role, location). On the metrics topic its key is the JSON array
 * {@code ["<role>","<location>"]}, which any client can parse and which no role or location can
 * make ambiguous.
 */
public record RowKey(String role, String location) implements Comparable<RowKey> {

    public RowKey {
        if (role == null || location == null) {
            throw new IllegalArgumentException("a funnel row needs a role and a location");
        }
    }

    /** The metrics topic's key for this row. */
    public String toKey() {
        return "[" + quote(role) + "," + quote(location) + "]";
    }

    /** The row of a metrics topic key. */
    public static RowKey parse(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (current == null) {
                if (c == '"') {
                    current = new StringBuilder();
                }
            } else if (c == '\\') {
                char next = key.charAt(++i);
                if (next == 'u') {
                    current.append((char) Integer.parseInt(key.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    current.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> next;
                    });
                }
            } else if (c == '"') {
                parts.add(current.toString());
                current = null;
            } else {
                current.append(c);
            }
        }
        if (parts.size() != 2) {
            throw new IllegalArgumentException("not a funnel row key: " + key);
        }
        return new RowKey(parts.get(0), parts.get(1));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public int compareTo(RowKey other) {
        int byRole = role.compareTo(other.role);
        return byRole != 0 ? byRole : location.compareTo(other.location);
    }
}
