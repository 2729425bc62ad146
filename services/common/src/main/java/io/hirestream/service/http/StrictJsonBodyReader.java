package io.hirestream.service.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.io.buffer.ReferenceCounted;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads every {@link JsonRequest} body strictly, then lets Micronaut Serialization bind it.
 *
 * <p>Hand-written because Micronaut Serialization is lenient where a request must not be: it
 * coerces ({@code "nine"} or {@code true} into a number, a number into a string), ignores unknown
 * fields, and stops at the end of the first value, so a document followed by {@code garbage}
 * binds. This reader walks the body once with Jackson's streaming parser against the record's
 * introspection and refuses, naming the field: malformed JSON, a body that is not one object,
 * content after it, an unknown or repeated field, a value of the wrong JSON type, and a number
 * too long or with an exponent too large to be a sensible value (so that no later arithmetic on
 * it can be expensive). What passes has exactly the declared shape; Bean Validation checks the
 * values afterwards.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
// Generic over T extends JsonRequest so that the registry, which matches readers covariantly,
// finds this one closer than the framework's JSON reader (T extends Object) for every request record.
public final class StrictJsonBodyReader<T extends JsonRequest> implements MessageBodyReader<T> {

    /** Digits and signs a number may have; more is never a count, a year or an amount of money. */
    static final int MAX_NUMBER_LENGTH = 40;
    /** The largest power of ten a decimal may carry, either way (1e20, 1e-20). */
    static final int MAX_EXPONENT = 20;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    private final JsonMapper mapper;

    public StrictJsonBodyReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return JsonRequest.class.isAssignableFrom(type.getType());
    }

    /**
     * The body as Micronaut holds it, whole (bodies over the limit are refused before): copied once at
     * its size, where reading it as a stream buffers 16 KiB for a body of a few hundred bytes. As
     * Micronaut's own readers do, a read that returns has released the buffer; one that throws leaves
     * that to Micronaut.
     */
    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer)
            throws CodecException {
        T value = read(type, byteBuffer.toByteArray());
        if (byteBuffer instanceof ReferenceCounted counted) {
            counted.release();
        }
        return value;
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream)
            throws CodecException {
        try {
            return read(type, inputStream.readAllBytes());
        } catch (IOException e) {
            throw new CodecException("the request body could not be read: " + e.getMessage(), e);
        }
    }

    private T read(Argument<T> type, byte[] body) {
        check(body, type.getType());
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            // The walk above admits only what binds; reaching here is a gap in it, answered as 400.
            throw ProblemException.badRequest("body", "the body does not fit this request: " + e.getMessage());
        }
    }

    /** Refuses, with a 400 naming the field, any body that is not exactly an object of {@code type}. */
    static void check(byte[] body, Class<?> type) {
        if (body.length == 0) {
            throw ProblemException.badRequest("body", "the request has no body: send a JSON object");
        }
        Walk walk = new Walk();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.badRequest("body", "the body must be a JSON object");
            }
            walk.object(parser, type, "");
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("body", "the body has content after its JSON object");
            }
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            String field = walk.field == null ? "body" : walk.field;
            throw ProblemException.badRequest(field, "the body is not valid JSON at " + field + ": "
                    + e.getOriginalMessage() + at);
        } catch (IOException e) {
            throw ProblemException.badRequest("body", "the body could not be read: " + e.getMessage());
        }
    }

    /** One walk through a body; remembers the field it is in, to name it in a parse error. */
    private static final class Walk {

        private String field;

        void object(JsonParser parser, Class<?> type, String path) throws IOException {
            BeanIntrospection<?> bean = BeanIntrospector.SHARED.findIntrospection(type).orElseThrow(() ->
                    new IllegalStateException(type.getName() + " is a request body but has no introspection: annotate it @Serdeable"));
            Set<String> seen = new HashSet<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                field = path + name;
                if (!seen.add(name)) {
                    throw ProblemException.badRequest(field, field + " appears twice; give each field once");
                }
                String known = field;
                BeanProperty<?, ?> property = bean.getProperty(name).orElseThrow(() -> ProblemException.badRequest(known,
                        known + " is not a field of this request; its fields are " + String.join(", ", bean.getPropertyNames())));
                parser.nextToken();
                value(parser, property.asArgument(), field);
                field = path.isEmpty() ? null : path.substring(0, path.length() - 1);
            }
            if (token != JsonToken.END_OBJECT) {
                throw ProblemException.badRequest(path.isEmpty() ? "body" : path, "the object is not closed");
            }
        }

        private void value(JsonParser parser, Argument<?> argument, String name) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            Class<?> type = argument.getType();
            if (type == String.class || type.isEnum()) {
                expect(token == JsonToken.VALUE_STRING, name, "a string", token);
            } else if (type == Integer.class || type == int.class) {
                expect(token == JsonToken.VALUE_NUMBER_INT, name, "a whole number", token);
                expect(parser.getNumberType() == JsonParser.NumberType.INT, name, "a whole number in range", token);
            } else if (type == Long.class || type == long.class) {
                expect(token == JsonToken.VALUE_NUMBER_INT, name, "a whole number", token);
                expect(parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER, name, "a whole number in range", token);
            } else if (type == BigDecimal.class) {
                expect(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, name, "a number", token);
                BigDecimal number = parser.getDecimalValue();
                if (Math.abs(number.scale()) > MAX_EXPONENT) {
                    throw ProblemException.badRequest(name, name + " must be a number written out plainly: no more than "
                            + MAX_EXPONENT + " decimals, no exponent beyond " + MAX_EXPONENT);
                }
            } else if (type == Boolean.class || type == boolean.class) {
                expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, name, "true or false", token);
            } else if (Collection.class.isAssignableFrom(type)) {
                expect(token == JsonToken.START_ARRAY, name, "an array", token);
                Argument<?> item = argument.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    value(parser, item, name + "[" + index++ + "]");
                }
            } else {
                expect(token == JsonToken.START_OBJECT, name, "an object", token);
                object(parser, type, name + ".");
            }
        }

        private static void expect(boolean holds, String name, String expected, JsonToken token) {
            if (!holds) {
                throw ProblemException.badRequest(name, name + " must be " + expected + ", was " + kind(token));
            }
        }

        private static String kind(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT -> "a whole number";
                case VALUE_NUMBER_FLOAT -> "a number with a fraction";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> token.asString() == null ? token.name() : token.asString();
            };
        }
    }
}
