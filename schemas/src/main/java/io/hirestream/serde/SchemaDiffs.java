package io.hirestream.serde;

import org.apache.avro.SchemaCompatibility;

import java.util.stream.Collectors;

/** Turns Avro's compatibility verdict into one line that names the fields at fault. */
public final class SchemaDiffs {

    private SchemaDiffs() {
    }

    public static String describe(SchemaCompatibility.SchemaCompatibilityResult result) {
        return result.getIncompatibilities().stream()
                .map(incompatibility -> incompatibility.getType() + " at " + incompatibility.getLocation()
                        + (incompatibility.getMessage() == null ? "" : " (" + incompatibility.getMessage() + ")"))
                .collect(Collectors.joining("; "));
    }
}
