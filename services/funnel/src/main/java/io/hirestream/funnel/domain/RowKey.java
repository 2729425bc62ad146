package io.hirestream.funnel.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One row of the funnel: a (role, location), or a slice of one (its applications of one cohort
 * week or one source). On the metrics topic a row's key is the JSON array
 * {@code ["<role>","<location>"]}, on the cohorts topic a slice's is
 * {@code ["<role>","<location>","<dimension>","<group>"]}: arrays any client can parse and that no
 * value can make ambiguous.
 *
 * @param slice null for the funnel row itself
 */
public record RowKey(String role, String location, Slice slice) implements Comparable<RowKey> {

    public RowKey {
        if (role == null || location == null) {
            throw new IllegalArgumentException("a funnel row needs a role and a location");
        }
    }

    /**
     * Whether the row keeps times to stage: all but slices by declaration, which are only ever
     * counted (the adverse-impact check uses no times), and so cost a quarter as much per event.
     */
    public boolean timed() {
        return slice == null || slice.dimension() != Slice.Dimension.DECLARATION;
    }

    /** The funnel row of a (role, location). */
    public RowKey(String role, String location) {
        this(role, location, null);
    }

    /** This row's slice of the given group. */
    public RowKey in(Slice of) {
        return new RowKey(role, location, of);
    }

    /** The key of something published about this (role, location) as a whole: {@code ["<role>","<location>","<what>"]}. */
    public String toKey(String what) {
        return "[" + quote(role) + "," + quote(location) + "," + quote(what) + "]";
    }

    /** The key this row has on the topic it is published to. */
    public String toKey() {
        String row = "[" + quote(role) + "," + quote(location);
        return slice == null ? row + "]" : row + "," + quote(slice.dimension().name()) + "," + quote(slice.group()) + "]";
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
        if (parts.size() == 2) {
            return new RowKey(parts.get(0), parts.get(1));
        }
        if (parts.size() == 4) {
            return new RowKey(parts.get(0), parts.get(1), new Slice(Slice.Dimension.valueOf(parts.get(2)), parts.get(3)));
        }
        throw new IllegalArgumentException("not a funnel row key: " + key);
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

    /**
     * Written out rather than generated: rows are the keys of the view's maps, looked up for every
     * changed part, and the record's generated equality, called through method handles, was 4 to 5%
     * of a funnel instance's CPU under load (bench queries; 1.2% written out).
     */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof RowKey row && role.equals(row.role) && location.equals(row.location)
                && (slice == null ? row.slice == null : slice.equals(row.slice));
    }

    /**
     * Each part's hash multiplied by an odd constant far from 31 before the next is added. With 31,
     * String's own multiplier, the hashes of numbered names line up: "Role 12" in "Location 34" and
     * "Role 13" in "Location 24" hash alike, and a grid of 100 roles by 100 locations made 2,800
     * hashes for 10,000 rows, so the view's maps kept them in collision trees searched by
     * comparison (HashMap lookups a third of the follower's CPU under bench queries).
     */
    @Override
    public int hashCode() {
        int hash = role.hashCode() * MIX + location.hashCode();
        return hash * MIX + (slice == null ? 0 : slice.hashCode());
    }

    /** 2^32 divided by the golden ratio, odd: spreads small differences over every bit. */
    private static final int MIX = 0x9E3779B9;

    private static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::role)
            .thenComparing(RowKey::location)
            .thenComparing(RowKey::slice, Comparator.nullsFirst(
                    Comparator.comparing(Slice::dimension).thenComparing(Slice::group)));

    @Override
    public int compareTo(RowKey other) {
        return ORDER.compare(this, other);
    }
}
