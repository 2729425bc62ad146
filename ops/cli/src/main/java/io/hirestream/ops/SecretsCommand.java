package io.hirestream.ops;

import io.hirestream.clients.ClientSettings;
import io.hirestream.stack.SecretFile;
import io.hirestream.stack.Service;
import io.hirestream.stack.StackCredentials;
import io.hirestream.stack.StackSecrets;
import io.hirestream.stack.TokenIssuer;
import io.hirestream.topics.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "secrets",
        mixinStandardHelpOptions = true,
        description = {"Makes the secrets of a deployment without an identity provider (docker-compose.yml does this in a",
                "one-shot container), as the local stack keeps them under its home. Sign-in of people: the token issuer's",
                "key pair (secrets/token-keys.json is what services trust: HIRESTREAM_JWKS_FILE), the dashboard session key.",
                "Kafka: a password per principal (secrets/kafka-users.properties), the brokers' JAAS file and their own",
                "client settings (broker/), the registry's Kafka sign-in (registry/application.properties). Per service a",
                "configuration file with its service token, its Kafka sign-in and its own keys (services/<name>.yml:",
                "MICRONAUT_CONFIG_FILES). Keys and passwords are made once; service tokens anew on every run (30 days).",
                "Then `token --home DIR` signs people's tokens with the same key, and `provision --access-from DIR`",
                "makes the Kafka users and ACLs."})
final class SecretsCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Override
    public Integer call() throws IOException {
        Path home = stackOptions.layout().home();
        TokenIssuer issuer = TokenIssuer.forHome(stackOptions.layout());
        StackCredentials kafka = StackCredentials.forHome(stackOptions.layout());
        Path folder = home.resolve("services");
        Files.createDirectories(folder);
        for (Service service : Service.values()) {
            StringBuilder yaml = new StringBuilder("# made by ops/hirestream secrets: this service's sign-in settings\n")
                    .append("hirestream:\n")
                    .append("  service-token: ").append(issuer.serviceToken(service.id())).append('\n');
            if (service == Service.FUNNEL) {
                yaml.append("  funnel:\n    session-secret: ")
                        .append(StackSecrets.get(stackOptions.layout(), StackSecrets.DASHBOARD_SESSION)).append('\n');
            }
            if (service == Service.INTAKE) {
                yaml.append("  intake:\n    receipts-secret: ")
                        .append(StackSecrets.get(stackOptions.layout(), StackSecrets.INTAKE_RECEIPTS)).append('\n');
            }
            // Read as the environment variables would be (ClientSettings: KAFKA_SASL_USERNAME is kafka.sasl.username).
            kafka.environment(service.principal()).forEach((variable, value) ->
                    yaml.append(ClientSettings.configurationName(variable)).append(": \"").append(value).append("\"\n"));
            SecretFile.write(folder.resolve(service.id() + ".yml"), yaml.toString());
        }
        // The image formats its log directories without SCRAM users, so the brokers sign each other in with PLAIN.
        Path broker = home.resolve("broker");
        SecretFile.write(broker.resolve("kafka-server.jaas"), kafka.brokerJaas());
        SecretFile.write(broker.resolve("client.properties"), properties("the broker's own sign-in (healthchecks)", "",
                ClientSettings.kafkaOnly(ClientSettings.from(kafka.environment(StackCredentials.BROKER_USER,
                        StackCredentials.LIBRDKAFKA_MECHANISM)::get))));
        // Apicurio hands settings under apicurio.kafka.common. to each of its storage's Kafka clients.
        SecretFile.write(home.resolve("registry").resolve("application.properties"), properties(
                "the schema registry's Kafka sign-in (QUARKUS_CONFIG_LOCATIONS)", "apicurio.kafka.common.",
                ClientSettings.kafkaOnly(ClientSettings.from(kafka.environment(Principal.REGISTRY)::get))));
        System.out.println("secrets under " + home + ": trust " + issuer.publicKeys() + ", services' settings in "
                + folder + ", brokers' in " + broker + ", Kafka passwords in " + kafka.file());
        return 0;
    }

    private static String properties(String what, String prefix, Map<String, Object> settings) throws IOException {
        Properties properties = new Properties();
        settings.forEach((key, value) -> properties.setProperty(prefix + key, String.valueOf(value)));
        StringWriter text = new StringWriter();
        properties.store(text, "made by ops/hirestream secrets: " + what);
        return text.toString();
    }
}
