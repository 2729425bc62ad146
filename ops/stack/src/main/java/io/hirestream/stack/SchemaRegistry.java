package io.hirestream.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry, run as its own JVM from the server the build unpacked, with its storage in
 * an H2 file under the stack's data folder so that subjects survive a restart. Clients use its
 * Confluent-compatible API at {@code /apis/ccompat/v7}.
 */
public final class SchemaRegistry extends JvmComponent {

    private final StackPorts ports;


    public SchemaRegistry(StackLayout layout, StackPorts ports, String heap) {
        super("schema-registry", layout, heap);
        this.ports = ports;
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
        List<String> command = smallJvm("64m");
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + ports.schemaRegistry(),
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + ports.schemaRegistryManagement(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dapicurio.datasource.url=jdbc:h2:file:" + layout.registryData().resolve("registry"),
                "-jar", layout.registryJar().toString()));
        process().start(command, layout.registryData(), Map.of());
    }

    @Override
    protected boolean answers() {
        return answersOk(ports.registryUrl() + "/subjects");
    }
}
