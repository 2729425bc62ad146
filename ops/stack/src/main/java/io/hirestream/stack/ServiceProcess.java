package io.hirestream.stack;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hirestream service run from the jar its build left, as its own JVM, against a broker and a
 * registry. Ready when {@code /health} answers 200, which each service gives only once its
 * Kafka clients run. Its Kafka Streams state lives under the stack's data folder, so a restart
 * restores from local state rather than from the changelogs.
 */
public final class ServiceProcess extends JvmComponent {

    private final Service service;
    private final int port;
    private final String kafkaBootstrap;
    private final String registryUrl;
    private final Map<String, String> settings;
    private final boolean yielding;

    /**
     * @param settings further settings of the service: environment variables ({@code OFFER_AUTO_APPROVE=true})
     *                 or, where the name has a dot, configuration properties passed as system properties
     *                 ({@code kafka.streams.default.session.timeout.ms=6000})
     */
    public ServiceProcess(StackLayout layout, Service service, int port, String kafkaBootstrap, String registryUrl,
                          Map<String, String> settings) {
        this(layout, service, port, kafkaBootstrap, registryUrl, settings, false);
    }

    private ServiceProcess(StackLayout layout, Service service, int port, String kafkaBootstrap, String registryUrl,
                           Map<String, String> settings, boolean yielding) {
        super(service.id(), layout, service.heap());
        this.service = service;
        this.port = port;
        this.kafkaBootstrap = kafkaBootstrap;
        this.registryUrl = registryUrl;
        this.settings = Map.copyOf(settings);
        this.yielding = yielding;
    }

    /**
     * The same service, started with its session at the service's {@link Service#stageNice()}, as the local
     * pipeline and the intake bench run it: the stages yield the cores to intake and the broker.
     */
    public ServiceProcess yieldingAsAStage() {
        return new ServiceProcess(layout, service, port, kafkaBootstrap, registryUrl, settings, true);
    }

    public Service service() {
        return service;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of(port, service.id() + " HTTP (" + service.portVariable() + ")");
    }

    @Override
    public String address() {
        return url();
    }

    @Override
    public void start() {
        var jar = service.jar(layout.repo());
        if (!Files.isRegularFile(jar)) {
            throw new StackException(service.id() + " is not built yet (no " + jar + "): run ./mvnw -q -DskipTests package");
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        environment.put("SCHEMA_REGISTRY_URL", registryUrl);
        environment.put(service.portVariable(), Integer.toString(port));
        environment.put(service.variable("STATE_DIR"), layout.home().resolve("data").resolve(service.id()).toString());
        List<String> properties = new ArrayList<>();
        settings.forEach((name, value) -> {
            if (name.contains(".")) {
                properties.add("-D" + name + "=" + value);
            } else {
                environment.put(name, value);
            }
        });
        List<String> command = serviceJvm(service);
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        if (yielding && service.stageNice() > 0) {
            command = ManagedProcess.withSessionNice(command, service.stageNice());
        }
        process().start(command, layout.home().resolve("data").resolve(service.id()), environment);
    }

    @Override
    protected boolean answers() {
        return answersOk(url() + "/health");
    }
}
