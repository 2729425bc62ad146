package io.hirestream.contract;

import io.hirestream.testkit.KafkaStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/python/confluent_client.py with Debian's python3, where Confluent's client is
 * installed ({@code apt-get install python3-confluent-kafka python3-avro python3-requests};
 * .ci/run does it).
 */
final class ConfluentPythonClient {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/confluent_client.py").toAbsolutePath();

    private ConfluentPythonClient() {
    }

    static List<String> read(KafkaStack stack, String topic, int count) throws IOException, InterruptedException {
        return run(stack, "read", stack.registryUrl(), topic, Integer.toString(count));
    }

    static List<String> write(KafkaStack stack, String topic, String key, String valueJson) throws IOException, InterruptedException {
        return run(stack, "write", stack.registryUrl(), topic, key, valueJson);
    }

    /** Runs the script with the command, then the client's settings file (as kcat -F takes one), then the arguments. */
    private static List<String> run(KafkaStack stack, String command, String... arguments) throws IOException, InterruptedException {
        Path settings = Files.createTempFile("librdkafka-", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(settings, stack.librdkafkaConfigs().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            List<String> args = new ArrayList<>(List.of(command, settings.toString()));
            args.addAll(List.of(arguments));
            return run(args.toArray(String[]::new));
        } finally {
            Files.deleteIfExists(settings);
        }
    }

    private static List<String> run(String... args) throws IOException, InterruptedException {
        requireClient();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the Confluent Python client did not finish within 2 minutes");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the Confluent Python client failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    private static void requireClient() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " is missing: install python3-confluent-kafka python3-avro python3-requests");
        }
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import confluent_kafka.avro").redirectErrorStream(true).start();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            throw new IllegalStateException("Confluent's Python client is not installed for " + PYTHON
                    + ": apt-get install python3-confluent-kafka python3-avro python3-requests");
        }
    }
}
