package io.hirestream.testkit;

import io.hirestream.stack.StackLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.hirestream.topics.Principal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged ops tool as a person would, and hands back what it printed and its exit code. */
public final class OpsCli {

    private static final Path JAR = StackLayout.findRepo().resolve("ops/cli/target/hirestream-ops.jar");

    private OpsCli() {
    }

    /** The environment that points the ops tool at the stack, signed in as its {@code ops} principal. */
    public static Map<String, String> environment(KafkaStack stack) {
        Map<String, String> environment = new HashMap<>(stack.signIn(Principal.OPS.id()));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        environment.put("SCHEMA_REGISTRY_URL", stack.registryUrl());
        return Map.copyOf(environment);
    }

    public static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build the ops tool first (./mvnw -q -DskipTests -pl ops/cli -am install)");
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
                "-Dhirestream.repo=" + StackLayout.findRepo(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ops-out", ".txt");
        Path err = Files.createTempFile("ops-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ops " + String.join(" ", args) + " did not finish within 5 minutes");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
