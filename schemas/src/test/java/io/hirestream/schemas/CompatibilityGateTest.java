package io.hirestream.schemas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompatibilityGateTest {

    private static final String RELEASED = """
            {"type": "record", "name": "Offer", "namespace": "io.hirestream.test", "doc": "d", "fields": [
              {"name": "applicationId", "type": "string", "doc": "d"},
              {"name": "stage", "type": {"type": "enum", "name": "Stage", "symbols": ["APPLIED", "OFFERED"], "default": "APPLIED"}, "doc": "d"}
            ]}
            """;

    @TempDir
    Path released;
    @TempDir
    Path current;

    @Test
    void aNewFieldWithoutADefaultFailsTheGateNamingTheField() throws IOException {
        write(released, RELEASED);
        write(current, RELEASED.replace("{\"name\": \"applicationId\", \"type\": \"string\", \"doc\": \"d\"},",
                "{\"name\": \"applicationId\", \"type\": \"string\", \"doc\": \"d\"}, {\"name\": \"bonus\", \"type\": \"int\", \"doc\": \"d\"},"));

        List<String> violations = CompatibilityGate.check(released, current);

        assertThat(violations).singleElement().asString()
                .contains("io.hirestream.test.Offer").contains("'bonus'").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThatThrownBy(() -> CompatibilityGate.main(new String[]{released.toString(), current.toString()}))
                .hasMessageContaining("'bonus'");
    }

    @Test
    void aNewFieldWithADefaultAndANewEnumSymbolPass() throws IOException {
        write(released, RELEASED);
        write(current, RELEASED
                .replace("{\"name\": \"applicationId\", \"type\": \"string\", \"doc\": \"d\"},",
                        "{\"name\": \"applicationId\", \"type\": \"string\", \"doc\": \"d\"}, {\"name\": \"bonus\", \"type\": \"int\", \"default\": 0, \"doc\": \"d\"},")
                .replace("[\"APPLIED\", \"OFFERED\"]", "[\"APPLIED\", \"SCREENED\", \"OFFERED\"]"));

        assertThat(CompatibilityGate.check(released, current)).isEmpty();
    }

    @Test
    void aChangedFieldTypeAndARemovedSchemaAreBothReported() throws IOException {
        write(released, RELEASED);
        Files.writeString(released.resolve("Gone.avsc"), """
                {"type": "record", "name": "Gone", "namespace": "io.hirestream.test", "fields": []}
                """);
        write(current, RELEASED.replace("{\"name\": \"applicationId\", \"type\": \"string\"", "{\"name\": \"applicationId\", \"type\": \"long\""));

        List<String> violations = CompatibilityGate.check(released, current);

        assertThat(violations).anySatisfy(v -> assertThat(v).contains("'applicationId'").contains("TYPE_MISMATCH"))
                .anySatisfy(v -> assertThat(v).contains("io.hirestream.test.Gone").contains("removed"));
    }

    private static void write(Path folder, String schema) throws IOException {
        Files.writeString(folder.resolve("Offer.avsc"), schema);
    }
}
