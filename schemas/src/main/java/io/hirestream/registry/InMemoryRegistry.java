package io.hirestream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry in this JVM, for pure unit tests only (topology tests without a broker): configure
 * {@code schema.registry.url=mock://SCOPE}, as with Confluent's serde. It answers the part of the
 * Confluent REST API that hirestream's client uses, with the same ids-per-schema rule and BACKWARD
 * checks on registration. Integration tests, the quick start and CI use a real registry.
 */
final class InMemoryRegistry implements RegistryTransport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, InMemoryRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private final Map<String, String> compatibility = new HashMap<>();

    static InMemoryRegistry scope(String name) {
        return SCOPES.computeIfAbsent(name, key -> new InMemoryRegistry());
    }

    @Override
    public synchronized Response exchange(URI base, String method, String path, String body, String authorization) {
        String[] parts = path.replaceFirst("\\?.*$", "").substring(1).split("/");
        JsonNode request = body == null ? null : read(body);
        if (parts[0].equals("subjects") && parts.length == 1 && method.equals("GET")) {
            ArrayNode subjects = JSON.createArrayNode();
            versionsBySubject.keySet().forEach(subjects::add);
            return ok(subjects);
        }
        if (parts[0].equals("subjects") && parts.length == 3 && parts[2].equals("versions") && method.equals("POST")) {
            return register(decode(parts[1]), new Schema.Parser().parse(request.path("schema").asText()));
        }
        if (parts[0].equals("subjects") && parts.length == 2 && method.equals("POST")) {
            return lookup(decode(parts[1]), new Schema.Parser().parse(request.path("schema").asText()));
        }
        if (parts[0].equals("subjects") && parts.length == 4 && parts[3].equals("latest")) {
            return latest(decode(parts[1]));
        }
        if (parts[0].equals("schemas") && parts.length == 3 && parts[1].equals("ids")) {
            Schema schema = schemasById.get(Integer.parseInt(parts[2]));
            return schema == null ? error(404, 40403, "Schema " + parts[2] + " not found")
                    : ok(JSON.createObjectNode().put("schema", schema.toString()));
        }
        if (parts[0].equals("config")) {
            String subject = parts.length > 1 ? decode(parts[1]) : "";
            if (method.equals("PUT")) {
                compatibility.put(subject, request.path("compatibility").asText());
                return ok(JSON.createObjectNode().put("compatibility", request.path("compatibility").asText()));
            }
            return ok(JSON.createObjectNode().put("compatibilityLevel", compatibilityOf(subject)));
        }
        if (parts[0].equals("compatibility") && parts.length == 5) {
            String subject = decode(parts[2]);
            if (!versionsBySubject.containsKey(subject)) {
                return error(404, 40401, "Subject " + subject + " not found");
            }
            boolean compatible = compatible(subject, new Schema.Parser().parse(request.path("schema").asText()));
            return ok(JSON.createObjectNode().put("is_compatible", compatible));
        }
        return error(404, 404, "not supported by the in-memory registry: " + method + " " + path);
    }

    private Response register(String subject, Schema schema) {
        Integer id = idsBySchema.get(schema);
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, key -> new ArrayList<>());
        if (id != null && versions.contains(id)) {
            return ok(JSON.createObjectNode().put("id", id));
        }
        if (!versions.isEmpty() && !compatible(subject, schema)) {
            return error(409, 409, "Schema being registered is incompatible with an earlier schema for subject " + subject);
        }
        if (id == null) {
            id = schemasById.size() + 1;
            schemasById.put(id, schema);
            idsBySchema.put(schema, id);
        }
        versions.add(id);
        return ok(JSON.createObjectNode().put("id", id));
    }

    private Response lookup(String subject, Schema schema) {
        Integer id = idsBySchema.get(schema);
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (id == null || !versions.contains(id)) {
            return error(404, 40403, "Schema not found under subject " + subject);
        }
        return ok(describe(subject, versions.indexOf(id) + 1, id));
    }

    private Response latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return error(404, 40401, "Subject " + subject + " not found");
        }
        return ok(describe(subject, versions.size(), versions.get(versions.size() - 1)));
    }

    private ObjectNode describe(String subject, int version, int id) {
        return JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", schemasById.get(id).toString());
    }

    private boolean compatible(String subject, Schema candidate) {
        if (!compatibilityOf(subject).startsWith("BACKWARD")) {
            return true;
        }
        List<Integer> versions = versionsBySubject.get(subject);
        Schema latest = schemasById.get(versions.get(versions.size() - 1));
        return SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    private String compatibilityOf(String subject) {
        return compatibility.getOrDefault(subject, compatibility.getOrDefault("", "BACKWARD"));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + body, e);
        }
    }

    private static Response ok(JsonNode body) {
        return new Response(200, body.toString());
    }

    private static Response error(int status, int code, String message) {
        return new Response(status, JSON.createObjectNode().put("error_code", code).put("message", message).toString());
    }
}
