package io.hirestream.testkit;

import io.hirestream.stack.StackLayout;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs ops/testkit/src/main/python/confluent_client.py with Debian's python3, where Confluent's
 * client is installed ({@code apt-get install python3-confluent-kafka python3-avro
 * python3-requests}; .ci/run does it): an analytics team's client, on its own defaults.
 */
public final class ConfluentPythonClient {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = StackLayout.findRepo().resolve("ops/testkit/src/main/python/confluent_client.py");

    private ConfluentPythonClient() {
    }

    public static List<String> read(KafkaStack stack, String topic, int count) throws IOException, InterruptedException {
        return run(stack, "read", stack.registryUrl(), topic, Integer.toString(count));
    }

    public static List<String> write(KafkaStack stack, String topic, String key, String valueJson) throws IOException, InterruptedException {
        return run(stack, "write", stack.registryUrl(), topic, key, valueJson);
    }

    /**
     * Writes every record (key to value) with one producer on the client's defaults: its partitioner
     * is librdkafka's {@code consistent_random}, CRC32 of the key, not Java's murmur2.
     */
    public static List<String> writeAll(KafkaStack stack, String topic, Map<String, SpecificRecord> records)
            throws IOException, InterruptedException {
        Path lines = Files.createTempFile("records-", ".jsonl");
        try {
            Files.write(lines, records.entrySet().stream()
                    .map(record -> "{\"key\": " + json(record.getKey()) + ", \"value\": " + json(record.getValue()) + "}")
                    .toList());
            return run(stack, "write-all", stack.registryUrl(), topic, lines.toString());
        } finally {
            Files.deleteIfExists(lines);
        }
    }

    /** A value as the script reads it: records as objects, decimals as strings, timestamps as epoch milliseconds. */
    static String json(Object value) {
        return switch (value) {
            case null -> "null";
            case SpecificRecord record -> {
                StringBuilder object = new StringBuilder("{");
                for (Schema.Field field : record.getSchema().getFields()) {
                    object.append(object.length() > 1 ? ", " : "").append(json(field.name())).append(": ")
                            .append(json(record.get(field.pos())));
                }
                yield object.append('}').toString();
            }
            case java.math.BigDecimal decimal -> json(decimal.toPlainString());
            case java.time.Instant instant -> Long.toString(instant.toEpochMilli());
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            case List<?> list -> list.stream().map(ConfluentPythonClient::json).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
            case Enum<?> symbol -> json(symbol.name());
            default -> {
                StringBuilder text = new StringBuilder("\"");
                for (char c : value.toString().toCharArray()) {
                    if (c == '"' || c == '\\') {
                        text.append('\\').append(c);
                    } else if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
                yield text.append('"').toString();
            }
        };
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
