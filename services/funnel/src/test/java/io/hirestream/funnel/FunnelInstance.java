package io.hirestream.funnel;

import io.hirestream.testkit.KafkaStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One funnel service instance in this JVM, on its own port and state folder, against the shared stack. */
public final class FunnelInstance implements AutoCloseable {

    private final EmbeddedServer server;
    private final HttpClient client;

    private FunnelInstance(EmbeddedServer server) {
        this.server = server;
        this.client = HttpClient.create(server.getURL());
    }

    public static FunnelInstance start(KafkaStack stack, String applicationId) {
        int port = freePort();
        Map<String, Object> properties = new HashMap<>(stack.micronautProperties());
        properties.put("micronaut.server.port", port);
        properties.put("kafka.streams.default.application.id", applicationId);
        properties.put("kafka.streams.default.application.server", "127.0.0.1:" + port);
        properties.put("kafka.streams.default.state.dir", tempDir().toString());
        properties.put("hirestream.funnel.emit-interval", "200ms");
        // A stopped instance leaves its partitions to the others after the session timeout: keep it short here.
        properties.put("kafka.streams.default.session.timeout.ms", "6000");
        properties.put("kafka.streams.default.heartbeat.interval.ms", "1000");
        return new FunnelInstance(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    public BlockingHttpClient http() {
        return client.toBlocking();
    }

    /** GET the path as a JSON map; the status and problem of an error come back in the exception. */
    public Map<String, Object> getJson(String path) {
        return http().retrieve(HttpRequest.GET(path), Argument.mapOf(String.class, Object.class));
    }

    /** The status of a GET, without throwing on errors. */
    public int status(String path) {
        try {
            return http().exchange(HttpRequest.GET(path), String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    @Override
    public void close() {
        client.close();
        server.getApplicationContext().close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("funnel-state-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
