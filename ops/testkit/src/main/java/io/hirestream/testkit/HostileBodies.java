package io.hirestream.testkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generators of request bodies that break a route's contract, each derived from a valid body of
 * that route: malformed or truncated JSON, content after the object, a value that is not an
 * object, an unknown or repeated field, and any field's value replaced by something no field
 * accepts (a wrong type, a number too large, too small or with a huge exponent, text with control
 * characters or longer than any field allows, deep nesting). None of them is a valid request, so
 * a service must refuse every one with a 4xx problem, cheaply, writing nothing.
 */
public final class HostileBodies {

    private HostileBodies() {
    }

    /** A JSON string literal of the text. */
    public static String text(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /**
     * Bodies that break the contract of the route whose valid body is {@code valid}: field name to
     * raw JSON value, or to a nested map for an object field, in the order they are written.
     */
    public static Arbitrary<String> breaking(Map<String, Object> valid) {
        String validJson = write(valid);
        // The fields after a new first one: none where the valid body is empty ("{}").
        String rest = valid.isEmpty() ? "}" : ", " + validJson.substring(1);
        List<String> paths = paths(valid, "");
        Arbitrary<String> unknownField = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30),
                        Arbitraries.oneOf(hostileValue(), Arbitraries.of("1", "\"x\"", "null", "{}", "[]")))
                .filter((name, value) -> !paths.contains(name))
                .as((name, value) -> "{" + text(name) + ": " + value + rest);
        Arbitrary<String> trailing = Arbitraries.of("garbage", "{}", "]", "}", ",", "\"x\"", "0", validJson)
                .map(tail -> validJson + " " + tail);
        Arbitrary<String> truncated = Arbitraries.integers().between(0, validJson.length() - 1).map(n -> validJson.substring(0, n));
        Arbitrary<String> notAnObject = Arbitraries.of("[]", "\"text\"", "42", "null", "true", "[" + validJson + "]",
                "{\"a\": 1} {\"b\": 2}", "\uFEFF", "{'single': 'quotes'}", "{\"unterminated\": \"...", "NaN");
        Arbitrary<String> deep = Arbitraries.integers().between(17, 5_000).map(depth -> "[".repeat(depth) + "]".repeat(depth));
        if (valid.isEmpty()) {
            return Arbitraries.oneOf(unknownField, unknownField, trailing, truncated, notAnObject, deep);
        }
        Arbitrary<String> replaced = Combinators.combine(Arbitraries.of(paths), hostileValue())
                .as((path, value) -> write(replace(valid, path.split("\\."), 0, value)));
        Arbitrary<String> repeated = Arbitraries.of(valid.keySet().stream().toList())
                .map(name -> "{" + text(name) + ": " + write(valid.get(name)) + rest);
        return Arbitraries.oneOf(replaced, replaced, unknownField, repeated, trailing, truncated, notAnObject, deep);
    }

    /** A raw JSON value that no field of any hirestream request accepts. */
    public static Arbitrary<String> hostileValue() {
        Arbitrary<String> numbers = Arbitraries.of("1e100000000", "-1e-999999999", "1e400", "-1e400", "-5", "0.001",
                "1234567890123.5", "1e21", "123456789012345678901234567890", "1" + "0".repeat(1_000), "-0.5e-7");
        Arbitrary<String> controlled = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(40),
                        Arbitraries.chars().with('\u0000', '\u0007', '\u000b', '\u001b', '\u007f', '\u0085', '\u009b'),
                        Arbitraries.strings().alpha().ofMaxLength(40))
                .as((before, control, after) -> text(before + control + after));
        Arbitrary<String> tooLong = Arbitraries.integers().between(4_001, 30_000)
                .map(length -> text("x".repeat(length)));
        Arbitrary<String> wrongKinds = Arbitraries.of("true", "false", "[1, 2, 3]", "[[\"nested\"]]",
                "{\"nested\": {\"deeper\": [1, 2, {\"x\": null}]}}", "{\"unexpected\": 1}");
        Arbitrary<String> deep = Arbitraries.integers().between(17, 2_000).map(depth -> "[".repeat(depth) + "]".repeat(depth));
        return Arbitraries.oneOf(numbers, controlled, tooLong, wrongKinds, deep);
    }

    private static List<String> paths(Map<String, Object> object, String prefix) {
        List<String> paths = new ArrayList<>();
        object.forEach((name, value) -> {
            paths.add(prefix + name);
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) nested;
                paths.addAll(paths(fields, prefix + name + "."));
            }
        });
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replace(Map<String, Object> object, String[] path, int at, String value) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        if (at == path.length - 1) {
            copy.put(path[at], value);
        } else {
            copy.put(path[at], replace((Map<String, Object>) object.get(path[at]), path, at + 1, value));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static String write(Object value) {
        if (value instanceof Map<?, ?> object) {
            return ((Map<String, Object>) object).entrySet().stream()
                    .map(field -> text(field.getKey()) + ": " + write(field.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return (String) value;
    }
}
