package io.hirestream.contract;

import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.registry.SchemaRegistryException;
import io.hirestream.schemas.CompatibilityGate;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One breaking change, refused twice: by the build's gate, and by the registry at run time. */
@WithKafkaStack
class SchemaEvolutionIT {

    private static final Path RELEASED = Path.of("../released");
    private static final Path CURRENT = Path.of("../src/main/avro");
    private static final String REQUIRED_FIELD = "{\"name\": \"referrerId\", \"type\": \"string\", \"doc\": \"Who referred the candidate.\"}";
    private static final String OPTIONAL_FIELD = "{\"name\": \"referrerId\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"Who referred the candidate.\"}";

    @TempDir
    Path changed;

    @Test
    void aRequiredNewFieldFailsTheBuildGateAndIsRefusedByTheRegistry(KafkaStack stack) throws IOException {
        Schema breaking = changeApplicationSubmitted(REQUIRED_FIELD);
        List<String> violations = CompatibilityGate.check(RELEASED, changed);

        String topic = TestTopics.create(stack, "test.evolution.breaking", 1, ApplicationSubmitted.getClassSchema());
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        registry.setCompatibility(topic + "-value", "BACKWARD");

        assertThat(violations).singleElement().asString()
                .contains("io.hirestream.events.ApplicationSubmitted").contains("'referrerId'");
        assertThatThrownBy(() -> registry.register(topic + "-value", breaking))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(registry.testCompatibility(topic + "-value", breaking).compatible()).isFalse();
    }

    @Test
    void anOptionalNewFieldPassesBoth(KafkaStack stack) throws IOException {
        Schema compatible = changeApplicationSubmitted(OPTIONAL_FIELD);
        String topic = TestTopics.create(stack, "test.evolution.compatible", 1, ApplicationSubmitted.getClassSchema());
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        registry.setCompatibility(topic + "-value", "BACKWARD");

        assertThat(CompatibilityGate.check(RELEASED, changed)).isEmpty();
        assertThat(registry.register(topic + "-value", compatible)).isPositive();
    }

    /** Copies the current schemas with one field added to ApplicationSubmitted, and returns that schema. */
    private Schema changeApplicationSubmitted(String field) throws IOException {
        try (Stream<Path> files = Files.list(CURRENT)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                if (file.getFileName().toString().equals("ApplicationSubmitted.avsc")) {
                    int end = text.lastIndexOf(']');
                    int lastBrace = text.lastIndexOf('}', end);
                    text = text.substring(0, lastBrace + 1) + ",\n    " + field + "\n  " + text.substring(end);
                }
                Files.writeString(changed.resolve(file.getFileName()), text);
            }
        }
        return io.hirestream.schemas.SchemaFiles.read(changed).get("io.hirestream.events.ApplicationSubmitted");
    }
}
