package io.hirestream.ops;

import io.hirestream.stack.Service;
import io.hirestream.stack.StackLayout;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as Docker Compose itself reads it ({@code docker compose config}, which needs
 * no engine): valid, three brokers and the registry on the pom's pinned images, provisioning as a
 * one-shot service, and the five services built from the repository, each with a healthcheck and
 * waiting for healthy dependencies, each trusting the token issuer the sign-in step made.
 */
class DockerComposeFileTest {

    private static final Path FILE = StackLayout.findRepo().resolve("docker-compose.yml");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", FILE.toString(), "config"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        Map<String, Object> config = new Yaml().load(output);
        return (Map<String, Map<String, Object>>) config.get("services");
    }

    /** The Compose v2 plugin where the Docker CLI has it, else the standalone docker-compose (.ci/run installs it). */
    private static List<String> composeCommand() throws IOException, InterruptedException {
        if (runs("docker", "compose", "version")) {
            return List.of("docker", "compose");
        }
        if (runs("docker-compose", "version")) {
            return List.of("docker-compose");
        }
        throw new AssertionError("neither `docker compose` nor `docker-compose` is installed: apt-get install docker-compose");
    }

    private static boolean runs(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    @Test
    void threeBrokersAndTheRegistryRunOnThePinnedImagesOfThePom() throws Exception {
        Map<String, Map<String, Object>> services = services();

        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat(services.get(broker).get("image")).as(broker).isEqualTo(System.getProperty("kafka.image"));
            assertThat(services.get(broker)).containsKey("healthcheck");
            assertThat((Map<String, Object>) services.get(broker).get("environment"))
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
        }
        assertThat(services.get("registry").get("image")).isEqualTo(System.getProperty("apicurio.image"));
        assertThat(dependsOn(services.get("registry"))).containsEntry("kafka-1", "service_healthy")
                .containsEntry("kafka-2", "service_healthy").containsEntry("kafka-3", "service_healthy");
        assertThat(dependsOn(services.get("provision"))).containsEntry("registry", "service_healthy");
        assertThat(services.get("provision").get("command")).isEqualTo(List.of("provision"));
    }

    @Test
    void everyServiceIsBuiltFromTheRepositoryHasAHealthcheckAndWaitsForHealthyDependencies() throws Exception {
        Map<String, Map<String, Object>> services = services();

        for (Service service : Service.values()) {
            Map<String, Object> definition = services.get(service.id());
            assertThat(definition).as(service.id()).isNotNull();
            Map<String, Object> build = (Map<String, Object>) definition.get("build");
            assertThat(build.get("dockerfile")).isEqualTo("ops/docker/Dockerfile");
            assertThat((Map<String, Object>) build.get("args")).containsEntry("PROGRAM", "services/" + service.id());
            assertThat(String.join(" ", (List<String>) ((Map<String, Object>) definition.get("healthcheck")).get("test")))
                    .contains("http://localhost:" + service.defaultPort() + "/health");
            assertThat(dependsOn(definition)).containsEntry("kafka-1", "service_healthy")
                    .containsEntry("registry", "service_healthy")
                    .containsEntry("provision", "service_completed_successfully");
            // Compose v1 prints ports as strings, v2 as maps: both name the port.
            assertThat(String.valueOf(definition.get("ports"))).contains(Integer.toString(service.defaultPort()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceTrustsTheIssuerTheSignInStepMadeAndReadsItsOwnSettingsFromIt() throws Exception {
        Map<String, Map<String, Object>> services = services();

        assertThat(services.get("sign-in").get("command")).isEqualTo(List.of("secrets", "--home", "/var/lib/hirestream"));
        for (Service service : Service.values()) {
            Map<String, Object> definition = services.get(service.id());
            assertThat(dependsOn(definition)).as(service.id()).containsEntry("sign-in", "service_completed_successfully");
            assertThat((Map<String, Object>) definition.get("environment")).as(service.id())
                    .containsEntry("HIRESTREAM_JWKS_FILE", "/sign-in/secrets/token-keys.json")
                    .containsEntry("MICRONAUT_CONFIG_FILES", "/sign-in/services/" + service.id() + ".yml");
            // Compose v1 prints volumes as strings, v2 as maps: both name the volume, the path and read-only.
            assertThat(String.valueOf(definition.get("volumes"))).as(service.id()).contains("sign-in").contains("/sign-in")
                    .containsPattern("ro|read_only");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> conditions = new java.util.HashMap<>();
        ((Map<String, Map<String, Object>>) service.get("depends_on")).forEach((name, spec) ->
                conditions.put(name, String.valueOf(spec.get("condition"))));
        return conditions;
    }
}
