package io.hirestream.testkit;

import io.hirestream.stack.StackPorts;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hirestream service running in this JVM on a free port against the shared stack, as its
 * main class would run it, and an HTTP client that sees what a user sees (status, body, headers).
 */
public final class ServiceInstance implements AutoCloseable {

    private final EmbeddedServer server;
    private final HttpClient client;

    private ServiceInstance(EmbeddedServer server) {
        this.server = server;
        this.client = HttpClient.create(server.getURL());
    }

    /** Starts a service with the stack's settings, the given properties on top, on the given port. */
    public static ServiceInstance start(KafkaStack stack, int port, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(stack.micronautProperties());
        all.put("micronaut.server.port", port);
        all.putAll(properties);
        return new ServiceInstance(ApplicationContext.run(EmbeddedServer.class, all));
    }

    public static int freePort() {
        return StackPorts.freePort();
    }

    /** A folder for a service's state, removed when the tests' JVM exits. */
    public static Path tempDir(String prefix) {
        return ScratchFolders.create(prefix);
    }

    public BlockingHttpClient http() {
        return client.toBlocking();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public int port() {
        return server.getPort();
    }

    /** GET as a JSON object, signed in with every person's role. */
    public Map<String, Object> getJson(String path) {
        return http().retrieve(HttpRequest.GET(path).bearerAuth(TestTokens.everyone()), Argument.mapOf(String.class, Object.class));
    }

    /** GET as a JSON array of objects, signed in with every person's role. */
    public List<Map<String, Object>> getJsonList(String path) {
        return http().retrieve(HttpRequest.GET(path).bearerAuth(TestTokens.everyone()),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    /**
     * Sends a request and returns the response as a user would see it, errors included; signed in
     * with every person's role ({@link TestTokens#everyone()}) unless the request says who it is.
     */
    public Response send(MutableHttpRequest<?> request) {
        if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            request.bearerAuth(TestTokens.everyone());
        }
        return sendAsIs(request);
    }

    /** Sends the request as it is: without signing in where it carries no token. */
    public Response sendAsIs(HttpRequest<?> request) {
        try {
            HttpResponse<String> response = http().exchange(request, String.class);
            return new Response(response.code(), response.getBody().orElse(""),
                    response.getContentType().map(Object::toString).orElse(""), response.getHeaders().get("Retry-After"));
        } catch (HttpClientResponseException e) {
            return new Response(e.code(), e.getResponse().getBody(String.class).orElse(""),
                    e.getResponse().getContentType().map(Object::toString).orElse(""),
                    e.getResponse().getHeaders().get("Retry-After"));
        }
    }

    /** The status of a GET, signed in with every person's role, errors included. */
    public int status(String path) {
        return send(HttpRequest.GET(path)).status();
    }

    @Override
    public void close() {
        client.close();
        server.getApplicationContext().close();
    }

    /** What came back: status, body text, content type and Retry-After (null where none). */
    public record Response(int status, String body, String contentType, String retryAfter) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
