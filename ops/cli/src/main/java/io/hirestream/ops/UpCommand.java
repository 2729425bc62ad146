package io.hirestream.ops;

import io.hirestream.provisioning.Provisioning;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.StackPorts;
import io.hirestream.topics.TopicSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = {
                "Starts the local stack and provisions it: a Kafka broker and a schema registry, each its own JVM,",
                "then every declared topic and every value schema. What already runs is left running."})
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--free-ports",
            description = "On a new home, pick free ports instead of the configured ones; later runs keep them.")
    boolean freePorts;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Also write KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL of the stack to FILE.")
    Path envFile;

    @Override
    public Integer call() throws IOException {
        Instant started = Instant.now();
        PrintStream out = System.out;
        LocalStack stack = stackOptions.stack();
        if (freePorts && !StackPorts.savedUnder(stack.layout())) {
            stack = new LocalStack(stack.layout(), StackPorts.free());
        }
        out.println("hirestream local stack under " + stack.layout().home());
        stack.up(out);
        Provisioning.apply(stack.ports().kafkaBootstrap(), stack.ports().registryUrl(), TopicSettings.fromEnvironment(), out);
        if (envFile != null) {
            Files.writeString(envFile, "KAFKA_BOOTSTRAP_SERVERS=" + stack.ports().kafkaBootstrap() + "\n"
                    + "SCHEMA_REGISTRY_URL=" + stack.ports().registryUrl() + "\n");
        }
        out.printf("%nready in %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        out.println("  Kafka            " + stack.ports().kafkaBootstrap());
        out.println("  Schema registry  " + stack.ports().registryUrl());
        out.println("  Logs             " + stack.layout().logs());
        out.println("  Data             " + stack.layout().home().resolve("data"));
        out.println("  Stop with        ops/hirestream down");
        return 0;
    }
}
