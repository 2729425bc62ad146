package io.hirestream.ops;

import io.hirestream.stack.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as Docker Compose itself reads it ({@code docker compose config}, which needs
 * no engine): valid, three brokers and the registry on the pom's pinned images, provisioning as a
 * one-shot service, and the five services built from the repository, each with a healthcheck and
 * waiting for healthy dependencies, each trusting the token issuer the secrets step made; brokers
 * that take SASL only and deny what no ACL allows. ({@link ComposeSecurityIT} runs that security on
 * a real broker and registry.)
 */
class DockerComposeFileTest {

    private static Map<String, Map<String, Object>> services() throws IOException, InterruptedException {
        return ComposeFile.services();
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
        // The registry keeps its schemas in the cluster: it starts once every broker runs and its user exists.
        assertThat(dependsOn(services.get("access"))).containsEntry("kafka-1", "service_healthy")
                .containsEntry("kafka-2", "service_healthy").containsEntry("kafka-3", "service_healthy");
        assertThat(dependsOn(services.get("registry"))).containsEntry("access", "service_completed_successfully");
        assertThat(dependsOn(services.get("provision"))).containsEntry("registry", "service_healthy");
        assertThat(services.get("provision").get("command")).isEqualTo(List.of("provision", "--access-from", "/var/lib/hirestream"));
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
    void everyServiceTrustsTheIssuerTheSecretsStepMadeAndReadsItsOwnSettingsFromIt() throws Exception {
        Map<String, Map<String, Object>> services = services();

        assertThat(services.get("secrets").get("command")).isEqualTo(List.of("secrets", "--home", "/var/lib/hirestream"));
        for (Service service : Service.values()) {
            Map<String, Object> definition = services.get(service.id());
            assertThat(dependsOn(definition)).as(service.id()).containsEntry("provision", "service_completed_successfully");
            assertThat(ComposeFile.environment(definition)).as(service.id())
                    .containsEntry("HIRESTREAM_JWKS_FILE", "/sign-in/secrets/token-keys.json")
                    .containsEntry("MICRONAUT_CONFIG_FILES", "/sign-in/services/" + service.id() + ".yml")
                    .doesNotContainKeys("KAFKA_SASL_PASSWORD", "KAFKA_SASL_JAAS_CONFIG");
            // Compose v1 prints volumes as strings, v2 as maps: both name the volume, the path and read-only.
            assertThat(String.valueOf(definition.get("volumes"))).as(service.id()).contains("sign-in").contains("/sign-in")
                    .containsPattern("ro|read_only");
        }
    }

    @Test
    void brokersTakeSaslOnlyAndDenyWhatNoAclAllowsAndTheRegistrySignsInAsItsOwnPrincipal() throws Exception {
        Map<String, Map<String, Object>> services = services();

        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, String> environment = ComposeFile.environment(services.get(broker));
            assertThat(environment.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                    .allSatisfy(listener -> assertThat(listener).endsWith(":SASL_PLAINTEXT"));
            assertThat(environment)
                    .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                    .containsEntry("KAFKA_SUPER_USERS", "User:broker")
                    .containsEntry("KAFKA_OPTS", "-Djava.security.auth.login.config=/etc/kafka/secrets/kafka-server.jaas");
            assertThat(dependsOn(services.get(broker))).containsEntry("secrets", "service_completed_successfully");
            assertThat(String.valueOf(services.get(broker).get("volumes"))).contains("broker-sign-in").contains("/etc/kafka/secrets");
        }
        assertThat(services.get("access").get("command"))
                .isEqualTo(List.of("provision", "--access-from", "/var/lib/hirestream", "--access-only"));
        assertThat(dependsOn(services.get("registry"))).containsEntry("access", "service_completed_successfully");
        assertThat(ComposeFile.environment(services.get("registry")))
                .containsEntry("QUARKUS_CONFIG_LOCATIONS", "/etc/hirestream/registry/application.properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> conditions = new java.util.HashMap<>();
        ((Map<String, Map<String, Object>>) service.get("depends_on")).forEach((name, spec) ->
                conditions.put(name, String.valueOf(spec.get("condition"))));
        return conditions;
    }
}
