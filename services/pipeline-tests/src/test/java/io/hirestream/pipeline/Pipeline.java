package io.hirestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.Service;
import io.hirestream.stack.ServiceProcess;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.stack.StackSecrets;
import io.hirestream.stack.TokenIssuer;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.ScratchFolders;
import io.hirestream.testkit.TestTokens;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * The five services, each its own JVM started from the jar the build left, against the test
 * run's broker and registry; their logs and state live in a temporary home, and closing stops
 * every one of them by pid.
 */
final class Pipeline implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final Map<Service, String> applicationIds = new EnumMap<>(Service.class);
    private final Path home;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The home's token issuer, as the local stack's: the services trust it, and so does the ops tool with --home. */
    private final TokenIssuer issuer;
    private final Caller everyone;

    private Pipeline(KafkaStack stack, Path home) {
        this(stack, home, Map.of());
    }

    private Pipeline(KafkaStack stack, Path home, Map<String, String> extraSettings) {
        this.home = home;
        StackLayout layout = StackLayout.fromEnvironment().withHome(home);
        this.issuer = TokenIssuer.forHome(layout);
        this.everyone = new Caller(issuer.token(TestTokens.TEST_USER, TestTokens.PEOPLE));
        for (Service service : Service.values()) {
            Map<String, String> settings = new HashMap<>();
            // Each run its own consumer groups, so that nothing another test left on the topics is waited for; under
            // the service's prefix, since each service signs in as itself and its ACLs hold only its own names.
            applicationIds.put(service, KafkaStack.unique("hirestream-" + service.id()));
            settings.putAll(stack.signIn(service.id()));
            settings.putAll(StackSecrets.serviceEnvironment(layout, service));
            // The tests submit from one address far faster than the per-client limit, which has a test of its own.
            settings.put("INTAKE_RATE_LIMIT", "0");
            settings.put(service.variable("APPLICATION_ID"), applicationIds.get(service));
            // A killed instance hands its partitions on after the session timeout: keep it short here.
            settings.put("kafka.streams.default.session.timeout.ms", "6000");
            settings.put("kafka.streams.default.heartbeat.interval.ms", "1000");
            // A schema id the registry does not know is poison after this long (30 s by default).
            settings.put("HIRESTREAM_REGISTRY_UNKNOWN_ID_GRACE", "2s");
            settings.putAll(extraSettings);
            services.put(service, new ServiceProcess(layout, service, StackPorts.freePort(), stack.bootstrapServers(),
                    stack.registryUrl(), settings));
        }
    }

    /** Starts all five and waits until each answers {@code /health} with 200. */
    static Pipeline start(KafkaStack stack) {
        return start(stack, tempHome());
    }

    /** Starts all five with their logs, pids and state under the given home. */
    static Pipeline start(KafkaStack stack, Path home) {
        return start(stack, home, Map.of());
    }

    /** Starts all five under the given home, with further settings for every service. */
    static Pipeline start(KafkaStack stack, Path home, Map<String, String> settings) {
        Pipeline pipeline = new Pipeline(stack, home, settings);
        try {
            LocalStack.startAndAwait(List.copyOf(pipeline.services.values()), new PrintStream(PrintStream.nullOutputStream()));
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    static Path tempHome() {
        return ScratchFolders.create("hirestream-pipeline-");
    }

    /** The folder of the services' logs, pids and state, as {@code --home} of the ops tool. */
    Path home() {
        return home;
    }

    String applicationId(Service service) {
        return applicationIds.get(service);
    }

    ServiceProcess process(Service service) {
        return services.get(service);
    }

    /** Kills the service without warning (SIGKILL), as a crash would. */
    void kill(Service service) {
        services.get(service).process().running().ifPresent(handle -> {
            handle.destroyForcibly();
            handle.onExit().join();
        });
    }

    /** Starts the service again, with the state folder it had, and waits until it is healthy. */
    void restart(Service service) {
        LocalStack.startAndAwait(List.of(services.get(service)), new PrintStream(PrintStream.nullOutputStream()));
    }

    /** Opens a requisition with the seed posting's terms (US only, 8+ years, MS), for the given role and location. */
    String openRequisition(String role, String location) {
        Reply opened = post(Service.INTAKE, "/api/requisitions", """
                {"role": "%s", "location": "%s", "department": "ML Research",
                 "salaryMin": 158950, "salaryMax": 327000, "currency": "USD",
                 "minYearsOfExperience": 8, "minDegree": "MASTERS", "eligibleCountries": ["US"]}
                """.formatted(role, location));
        if (opened.status() != 201) {
            throw new AssertionError("opening a requisition: " + opened);
        }
        return opened.json().path("requisitionId").asText();
    }

    /** Submits an application through intake; returns its id. */
    String apply(String requisitionId, String country, int years, String degree) {
        Reply submitted = post(Service.INTAKE, "/api/applications", """
                {"requisitionId": "%s", "source": "REFERRAL",
                 "candidate": {"name": "Ada Lovelace", "email": "ada-%s@example.org", "countryOfResidence": "%s",
                               "yearsOfExperience": %d, "highestDegree": "%s"}}
                """.formatted(requisitionId, UUID.randomUUID(), country, years, degree));
        if (submitted.status() != 202) {
            throw new AssertionError("submitting an application: " + submitted);
        }
        return submitted.json().path("applicationId").asText();
    }

    /** An application to the requisition, past its interview loop (every round a strong yes), whose offer is a draft. */
    String draftedOffer(String requisitionId) {
        String applicationId = apply(requisitionId, "US", 8, "MASTERS");
        JsonNode loop = awaitOk(Service.INTERVIEW, "/api/interviews/" + applicationId);
        loop.path("rounds").forEach(round -> post(Service.INTERVIEW, "/api/interviews/" + applicationId + "/feedback",
                "{\"round\": \"" + round.asText() + "\", \"recommendation\": \"STRONG_YES\"}"));
        awaitOk(Service.OFFER, "/api/offers/" + applicationId);
        return applicationId;
    }

    /** The JSON of a GET once it answers 200 (as every person's roles). */
    JsonNode awaitOk(Service service, String path) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> get(service, path), reply -> reply.status() == 200).json();
    }

    /**
     * Applies with an Idempotency-Key, retrying (same key) while intake cannot write or is away, as
     * a patient client would; answers the application id.
     */
    String applyUntilAccepted(String requisitionId) {
        String key = UUID.randomUUID().toString();
        String body = """
                {"requisitionId": "%s", "source": "REFERRAL",
                 "candidate": {"name": "Ada Lovelace", "email": "ada-%s@example.org", "countryOfResidence": "US",
                               "yearsOfExperience": 13, "highestDegree": "PHD"}}
                """.formatted(requisitionId, key);
        AtomicReference<String> id = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    Reply reply = postWithKey(Service.INTAKE, "/api/applications", body, key);
                    if (reply.status() == 202) {
                        id.set(reply.json().path("applicationId").asText());
                    }
                    return id.get() != null;
                });
        return id.get();
    }

    /** A GET signed in with every person's role. */
    Reply get(Service service, String path) {
        return everyone.get(service, path);
    }

    /** A POST signed in with every person's role. */
    Reply post(Service service, String path, String json) {
        return everyone.post(service, path, json);
    }

    /** A POST with an Idempotency-Key, signed in with every person's role. */
    Reply postWithKey(Service service, String path, String json, String idempotencyKey) {
        return everyone.postWithKey(service, path, json, idempotencyKey);
    }

    /** Calls signed in as the person, with the roles: what they send names them. */
    Caller as(String subject, String... roles) {
        return new Caller(issuer.token(subject, List.of(roles)));
    }

    /** The issuer whose tokens the services trust. */
    TokenIssuer issuer() {
        return issuer;
    }

    /** Calls without signing in. */
    Caller anonymous() {
        return new Caller(null);
    }

    /** Calls with the token as it is (expired, forged, ...). */
    Caller withToken(String token) {
        return new Caller(token);
    }

    /** Someone calling the services' APIs: signed in with a token, or not at all. */
    final class Caller {

        private final String token;

        private Caller(String token) {
            this.token = token;
        }

        Reply get(Service service, String path) {
            return send(HttpRequest.newBuilder(uri(service, path)).GET());
        }

        /** A GET with one more header. */
        Reply get(Service service, String path, String header, String value) {
            return send(HttpRequest.newBuilder(uri(service, path)).header(header, value).GET());
        }

        Reply post(Service service, String path, String json) {
            return send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Reply postWithKey(Service service, String path, String json, String idempotencyKey) {
            return send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Reply delete(Service service, String path) {
            return send(HttpRequest.newBuilder(uri(service, path)).DELETE());
        }

        /** Opens a server-sent-event stream and answers its status (and content type), closing it at once. */
        Reply openStream(Service service, String path) {
            HttpRequest.Builder request = signedIn(HttpRequest.newBuilder(uri(service, path)).header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(30)).GET());
            try {
                HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream body = response.body()) {
                    String contentType = response.headers().firstValue("Content-Type").orElse("");
                    // A refusal is a small problem document, read whole; a stream is left unread.
                    String text = contentType.startsWith("text/event-stream") ? "" : new String(body.readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    return new Reply(response.statusCode(), contentType, text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private Reply send(HttpRequest.Builder request) {
            return Pipeline.this.send(signedIn(request));
        }

        private HttpRequest.Builder signedIn(HttpRequest.Builder request) {
            return token == null ? request : request.header("Authorization", "Bearer " + token);
        }
    }

    private URI uri(Service service, String path) {
        return URI.create(services.get(service).url() + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of each service's log, to explain a failure. */
    String logs() {
        StringBuilder text = new StringBuilder();
        services.values().forEach(s -> text.append("---- ").append(s.name()).append('\n').append(s.process().tail(40)).append('\n'));
        return text.toString();
    }

    @Override
    public void close() {
        services.values().forEach(service -> service.process().stop(STOP_GRACE));
    }

    /** An HTTP answer as a client sees it. */
    record Reply(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
