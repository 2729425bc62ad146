package io.hirestream.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The broker and registry as containers, from the images pinned in the root pom (passed to the
 * tests as the system properties {@code kafka.image} and {@code apicurio.image}).
 */
final class ContainerStack implements SharedKafkaStack.StoppableStack {

    private static final int REGISTRY_PORT = 8080;

    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerStack(KafkaContainer kafka, GenericContainer<?> registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** True where a Docker engine answers; cheap when there is plainly none. */
    static boolean dockerAnswers() {
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"));
        boolean host = System.getenv("DOCKER_HOST") != null;
        if (!socket && !host) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    static ContainerStack start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(System.getProperty("kafka.image", "apache/kafka:4.3.1")))
                .withNetwork(network)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS", "2");
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(
                System.getProperty("apicurio.image", "apicurio/apicurio-registry:3.3.3")))
                .withNetwork(network)
                .withExposedPorts(REGISTRY_PORT)
                .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        kafka.start();
        registry.start();
        return new ContainerStack(kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT) + "/apis/ccompat/v7";
    }

    @Override
    public String description() {
        return "containers " + kafka.getDockerImageName() + " and " + registry.getDockerImageName();
    }

    @Override
    public synchronized void stop() {
        registry.stop();
        kafka.stop();
    }
}
