package io.hirestream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thin client of the Confluent Schema Registry REST API: what a serde needs (register, look up
 * by schema, fetch by id) with caching, and what provisioning needs (subjects, compatibility).
 * It works against any registry with that API: Confluent's, Apicurio's ccompat endpoint, Karapace,
 * Redpanda ({@code mock://scope} gives an in-memory registry for pure unit tests). Timeouts and 5xx answers are retried a bounded number of times with doubling backoff;
 * 4xx answers fail at once with the subject or id, the URL and the registry's message.
 *
 * <p>What serdes ask ({@link #schemaById}, {@link #lookup}, {@link #register}) waits out an outage
 * instead: past the bounded attempts it goes on retrying, backing off up to {@value #MAX_BACKOFF_MS} ms,
 * for {@link RegistryConfig#outageWait()}, and {@link #unavailableSince()} says so meanwhile, for
 * health checks. A record is not at fault for a registry that is down, so it must not become a dead
 * letter, and a record processor has nothing better to do than wait.
 */
public final class SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<RegistryConfig, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();
    private static final long MAX_BACKOFF_MS = 5_000;

    private final RegistryConfig config;
    private final RegistryTransport transport;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    /** The threads waiting out an outage; guards {@link #unavailableSince} too. */
    private final Set<Thread> waiting = new HashSet<>();
    private volatile Instant unavailableSince;

    public SchemaRegistryClient(RegistryConfig config) {
        this.config = config;
        URI first = config.urls().get(0);
        this.transport = "mock".equals(first.getScheme())
                ? InMemoryRegistry.scope(first.getHost() == null ? first.getSchemeSpecificPart() : first.getHost())
                : new HttpRegistryTransport(config.requestTimeout());
    }

    /** One client per registry configuration in this JVM, so that every serde shares its caches. */
    public static SchemaRegistryClient shared(RegistryConfig config) {
        return SHARED.computeIfAbsent(config, SchemaRegistryClient::new);
    }

    public RegistryConfig config() {
        return config;
    }

    /**
     * When the registry became unavailable to a serde of this JVM that is still waiting for it;
     * empty while every serde gets its answers.
     */
    public static Optional<Instant> unavailableSince() {
        return SHARED.values().stream().map(client -> client.unavailableSince).filter(Objects::nonNull)
                .min(Instant::compareTo);
    }

    /** Registers the schema under the subject (a no-op returning the same id if already there). */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = waitingCall("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                "registering a schema under subject '" + subject + "'");
        int id = answer.path("id").asInt();
        remember(key, id, schema);
        return id;
    }

    /** The id of this exact schema under the subject, or empty if it is not registered there. */
    public OptionalInt lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        try {
            JsonNode answer = waitingCall("POST", "/subjects/" + encode(subject), schemaBody(schema),
                    "looking up a schema under subject '" + subject + "'");
            int id = answer.path("id").asInt();
            remember(key, id, schema);
            return OptionalInt.of(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    /** The schema with this id, fetched once and cached (ids never change their schema). */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = waitingCall("GET", "/schemas/ids/" + id, null, "fetching schema id " + id);
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException("schema id " + id + " at " + config.describe()
                    + " is of type " + type + ", not AVRO", 422, -1);
        }
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.put(id, schema);
        return schema;
    }

    /** The latest version registered under the subject, if any. */
    public Optional<RegisteredSchema> latest(String subject) {
        try {
            JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null,
                    "reading the latest version of subject '" + subject + "'");
            Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
            return Optional.of(new RegisteredSchema(subject, answer.path("version").asInt(),
                    answer.path("id").asInt(), schema));
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<String> subjects() {
        JsonNode answer = call("GET", "/subjects", null, "listing subjects");
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    /** Sets the compatibility level of a subject, or the global default where subject is null. */
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        call("PUT", subject == null ? "/config" : "/config/" + encode(subject), body.toString(),
                "setting compatibility " + level + (subject == null ? " globally" : " on subject '" + subject + "'"));
    }

    /** The compatibility level of a subject, or the global one where subject is null. */
    public String compatibility(String subject) {
        JsonNode answer = call("GET", subject == null ? "/config" : "/config/" + encode(subject), null,
                "reading compatibility" + (subject == null ? "" : " of subject '" + subject + "'"));
        return answer.path("compatibilityLevel").asText(answer.path("compatibility").asText());
    }

    /**
     * Asks the registry whether the schema may be registered under the subject next. A subject
     * with no versions yet takes anything.
     */
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema), "testing compatibility under subject '" + subject + "'");
            List<String> messages = new ArrayList<>();
            answer.path("messages").forEach(node -> messages.add(node.asText()));
            return new CompatibilityResult(answer.path("is_compatible").asBoolean(), messages);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return new CompatibilityResult(true, List.of());
            }
            throw e;
        }
    }

    private void remember(SubjectSchema key, int id, Schema schema) {
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /** A call of a serde's: past the bounded attempts, it waits out an outage (see the class comment). */
    private JsonNode waitingCall(String method, String path, String body, String what) {
        try {
            return call(method, path, body, what);
        } catch (SchemaRegistryException e) {
            if (!e.isTransient() || config.outageWait().filter(Duration::isZero).isPresent()) {
                throw e;
            }
            return waitOut(method, path, body, what, e);
        }
    }

    private JsonNode waitOut(String method, String path, String body, String what, SchemaRegistryException first) {
        Instant start = Instant.now();
        Thread self = Thread.currentThread();
        synchronized (waiting) {
            waiting.add(self);
            if (unavailableSince == null) {
                unavailableSince = start;
            }
        }
        long backoff = Math.max(config.retryBackoff().toMillis(), 1);
        SchemaRegistryException last = first;
        try {
            while (config.outageWait().map(limit -> Duration.between(start, Instant.now()).compareTo(limit) < 0).orElse(true)) {
                LOG.warn("{}: the schema registry at {} is unavailable for {} s, retrying in {} ms: {}", what,
                        config.describe(), Duration.between(start, Instant.now()).toSeconds(), backoff, last.getMessage());
                pause(Duration.ofMillis(backoff));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                try {
                    JsonNode answer = call(method, path, body, what);
                    LOG.info("{}: the schema registry at {} answers again", what, config.describe());
                    return answer;
                } catch (SchemaRegistryException e) {
                    if (!e.isTransient()) {
                        throw e;
                    }
                    last = e;
                }
            }
            throw last;
        } finally {
            synchronized (waiting) {
                waiting.remove(self);
                if (waiting.isEmpty()) {
                    unavailableSince = null;
                }
            }
        }
    }

    private JsonNode call(String method, String path, String body, String what) {
        Duration backoff = config.retryBackoff();
        SchemaRegistryException last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            for (URI base : config.urls()) {
                try {
                    return send(base, method, path, body, what);
                } catch (SchemaRegistryException e) {
                    if (!e.isTransient()) {
                        throw e;
                    }
                    last = e;
                }
            }
            if (attempt < config.maxAttempts()) {
                LOG.warn("{} failed (attempt {} of {}), retrying in {} ms: {}",
                        what, attempt, config.maxAttempts(), backoff.toMillis(), last.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw last;
    }

    private JsonNode send(URI base, String method, String path, String body, String what) {
        RegistryTransport.Response response;
        try {
            response = transport.exchange(base, method, path, body, config.authorization().orElse(null));
        } catch (IOException e) {
            throw new SchemaRegistryException(what + ": schema registry at " + base + " did not answer: " + e, e);
        }
        JsonNode json = parse(response.body());
        if (response.status() / 100 == 2) {
            return json;
        }
        String message = json.path("message").asText(response.body());
        throw new SchemaRegistryException(what + " at " + base + " failed with HTTP " + response.status()
                + ": " + message, response.status(), json.path("error_code").asInt(-1));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while backing off", e);
        }
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** A version of a subject as the registry holds it. */
    public record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }

    /** The registry's verdict on a candidate schema, with its reasons where it says no. */
    public record CompatibilityResult(boolean compatible, List<String> messages) {
    }
}
