package io.hirestream.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry, run as its own JVM from the server the build unpacked, with its storage in
 * an H2 file under the stack's data folder so that subjects survive a restart. Clients use its
 * Confluent-compatible API at {@code /apis/ccompat/v7}.
 */
public final class SchemaRegistry extends JvmComponent {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public SchemaRegistry(StackLayout layout, StackPorts ports, String heap) {
        super("schema-registry", layout, ports, heap);
    }

    @Override
    public Map<Integer, String> ports() {
        Map<Integer, String> taken = new LinkedHashMap<>();
        taken.put(ports.schemaRegistry(), "schema registry (SCHEMA_REGISTRY_PORT)");
        taken.put(ports.schemaRegistryManagement(), "schema registry management (SCHEMA_REGISTRY_MANAGEMENT_PORT)");
        return taken;
    }

    @Override
    public String address() {
        return ports.registryUrl();
    }

    @Override
    public void start() {
        layout.requireBuilt();
        process().start(List.of(Java.launcher(), "-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        process().marker(),
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.http.port=" + ports.schemaRegistry(),
                        "-Dquarkus.management.host=127.0.0.1",
                        "-Dquarkus.management.port=" + ports.schemaRegistryManagement(),
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-Dapicurio.datasource.url=jdbc:h2:file:" + layout.registryData().resolve("registry"),
                        "-jar", layout.registryJar().toString()),
                layout.registryData(), Map.of());
    }

    @Override
    protected boolean answers() {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ports.registryUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the schema registry", e);
        }
    }
}
