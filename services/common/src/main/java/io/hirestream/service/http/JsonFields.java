package io.hirestream.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON request body field by field, so that a value of the wrong type is refused with
 * the name of its field ({@code candidate.yearsOfExperience must be a whole number}) rather than
 * a parser's line and column. Absent fields and nulls read as null; the domain decides what is
 * required.
 */
public final class JsonFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The body as an object; 400 where it is empty, not JSON, or not an object. */
    public static JsonFields parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("body", "the request has no body: send a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("body", "the body must be a JSON object");
        }
        return new JsonFields(node, "");
    }

    /** A nested object, or null where absent. */
    public JsonFields object(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(field, "an object");
        }
        return new JsonFields(value, name(field) + ".");
    }

    public String text(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string");
        }
        return value.asText();
    }

    /** A non-blank string of at most {@code max} characters, stripped; 400 naming the field otherwise. */
    public String requiredText(String field, int max) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name(field), name(field) + " is required");
        }
        if (value.strip().length() > max) {
            throw ProblemException.badRequest(name(field), name(field) + " must be at most " + max + " characters");
        }
        return value.strip();
    }

    public Integer integer(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "a whole number");
        }
        return value.intValue();
    }

    /** A decimal number, from a JSON number or a numeric string (as money often travels). */
    public BigDecimal decimal(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw wrongType(field, "a number");
            }
        }
        throw wrongType(field, "a number");
    }

    public List<String> texts(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(field, "an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(field, "an array of strings");
            }
            texts.add(item.asText());
        }
        return texts;
    }

    private JsonNode value(String field) {
        JsonNode value = node.path(field);
        return value instanceof MissingNode || value.isNull() ? null : value;
    }

    private String name(String field) {
        return path + field;
    }

    private ProblemException wrongType(String field, String expected) {
        return ProblemException.badRequest(name(field), name(field) + " must be " + expected + ", was " + node.path(field));
    }
}
