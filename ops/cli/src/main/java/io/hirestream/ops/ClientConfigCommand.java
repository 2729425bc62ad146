package io.hirestream.ops;

import io.hirestream.clients.ClientSettings;
import io.hirestream.stack.StackCertificates;
import io.hirestream.stack.StackCredentials;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.topics.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "client-config",
        mixinStandardHelpOptions = true,
        description = {"Prints the settings a Kafka client needs to connect to the local stack as one of its principals,",
                "as a properties file: for Java clients (--format java) or for librdkafka ones: Confluent's Python,",
                "Go, .NET and C clients and kcat (--format librdkafka; kcat -F FILE). It holds the principal's password:",
                "keep the file to yourself."})
final class ClientConfigCommand implements Callable<Integer> {

    enum Format { java, librdkafka }

    @Option(names = "--principal", required = true, paramLabel = "NAME",
            description = "The principal: analytics, ops, demo, or a service (intake, screening, interview, offer, funnel).")
    String principal;

    @Option(names = "--format", defaultValue = "java", paramLabel = "FORMAT",
            description = "java or librdkafka (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--tls", description = "Connect to the TLS listener (SASL_SSL, KAFKA_TLS_PORT), trusting the stack's own CA.")
    boolean tls;

    @Override
    public Integer call() {
        Principal chosen = Principal.byId(principal).orElseThrow(() -> new OpsException("no principal " + principal + "; one of "
                + Arrays.stream(Principal.values()).map(Principal::id).collect(Collectors.joining(", "))));
        StackLayout layout = StackLayout.fromEnvironment();
        StackPorts ports = StackPorts.forHome(layout);
        StackCredentials credentials = StackCredentials.existing(layout).orElseThrow(() -> new OpsException(
                "the local stack under " + layout.home() + " has no Kafka users yet: start it with ops/hirestream up"));
        StackCertificates certificates = tls ? StackCertificates.forHome(layout) : null;
        String bootstrap = tls ? ports.kafkaTlsBootstrap() : ports.kafkaBootstrap();
        System.out.println("# " + chosen.id() + " on the local hirestream stack under " + layout.home());
        if (format == Format.java) {
            Map<String, String> variables = new LinkedHashMap<>(tls ? credentials.tlsEnvironment(chosen.id(), certificates)
                    : credentials.environment(chosen));
            variables.put(ClientSettings.BOOTSTRAP_SERVERS, bootstrap);
            variables.put(ClientSettings.REGISTRY_URL, ports.registryUrl());
            ClientSettings.from(variables::get).forEach((name, value) -> System.out.println(name + "=" + value));
        } else {
            System.out.println("# schema registry (Confluent API, not a librdkafka setting): " + ports.registryUrl());
            (tls ? credentials.librdkafkaTlsSettings(chosen.id(), bootstrap, certificates)
                    : credentials.librdkafkaSettings(chosen.id(), bootstrap))
                    .forEach((name, value) -> System.out.println(name + "=" + value));
        }
        return 0;
    }
}
