package io.hirestream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The build's compatibility gate: every schema released before must stay readable by the schema
 * in the source tree (BACKWARD: a consumer on the new schema reads data written with the old
 * one), and no released schema may disappear. The build runs {@link #main} over
 * {@code schemas/released} and {@code schemas/src/main/avro}; a violation fails it with a line per
 * offending field. The registry holds subjects to the same rule at run time.
 */
public final class CompatibilityGate {

    private CompatibilityGate() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CompatibilityGate RELEASED_DIR CURRENT_DIR");
        }
        List<String> violations = check(Paths.get(args[0]), Paths.get(args[1]));
        if (!violations.isEmpty()) {
            System.err.println("Schema changes are not BACKWARD compatible with the released schemas in " + args[0] + ":");
            violations.forEach(v -> System.err.println("  " + v));
            System.err.println("Give a new field a default, keep removed fields' defaults, add enum symbols only "
                    + "(enums have a default), or publish the change under a new topic version.");
            throw new IllegalStateException("incompatible schema change: " + String.join("; ", violations));
        }
        System.out.println("Schemas are BACKWARD compatible with the released ones in " + args[0]);
    }

    /** One message per incompatibility, naming the schema and the field. */
    public static List<String> check(Path released, Path current) {
        Map<String, Schema> before = SchemaFiles.read(released);
        Map<String, Schema> now = SchemaFiles.read(current);
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : before.entrySet()) {
            Schema writer = entry.getValue();
            if (writer.getType() != Schema.Type.RECORD && writer.getType() != Schema.Type.ENUM) {
                continue;
            }
            Schema reader = now.get(entry.getKey());
            if (reader == null) {
                violations.add(entry.getKey() + ": removed, but data written with it must stay readable");
                continue;
            }
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                violations.add(describe(entry.getKey(), reader, incompatibility));
            }
        }
        return violations;
    }

    private static String describe(String name, Schema reader, Incompatibility incompatibility) {
        String field = FieldPaths.fieldNames(reader, incompatibility.getLocation());
        return name + ": field " + field + ": " + incompatibility.getType()
                + (incompatibility.getMessage() == null ? "" : " (" + incompatibility.getMessage() + ")");
    }
}
