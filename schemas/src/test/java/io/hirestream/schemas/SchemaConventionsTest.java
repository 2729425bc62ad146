package io.hirestream.schemas;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules every schema of the contract keeps: docs everywhere, decimals for money, timestamps for time, enum defaults. */
class SchemaConventionsTest {

    private static final Map<String, Schema> SCHEMAS = SchemaFiles.read(Path.of("src/main/avro"));

    @Test
    void everyRecordAndFieldAndEnumHasADoc() {
        List<String> undocumented = new ArrayList<>();
        walk((owner, field) -> {
            if (field.doc() == null || field.doc().isBlank()) {
                undocumented.add(owner.getFullName() + "." + field.name());
            }
        }, schema -> {
            if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                undocumented.add(schema.getFullName());
            }
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyEnumDeclaresADefaultSymbol() {
        List<String> withoutDefault = new ArrayList<>();
        walk((owner, field) -> { }, schema -> {
            if (schema.getType() == Schema.Type.ENUM && schema.getEnumDefault() == null) {
                withoutDefault.add(schema.getFullName());
            }
        });
        assertThat(withoutDefault).isEmpty();
    }

    @Test
    void moneyIsADecimalAndTimeIsATimestamp() {
        List<String> wrong = new ArrayList<>();
        walk((owner, field) -> {
            Schema type = nonNull(field.schema());
            String name = field.name();
            if (name.toLowerCase().contains("salary") && !(type.getLogicalType() instanceof LogicalTypes.Decimal)) {
                wrong.add(owner.getName() + "." + name + " is money but not a decimal");
            }
            if (name.endsWith("At") && !(type.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
                wrong.add(owner.getName() + "." + name + " is a time but not timestamp-millis");
            }
        }, schema -> { });
        assertThat(wrong).isEmpty();
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElse(schema);
        }
        return schema;
    }

    private interface FieldVisitor {
        void visit(Schema owner, Schema.Field field);
    }

    private interface SchemaVisitor {
        void visit(Schema schema);
    }

    private static void walk(FieldVisitor fields, SchemaVisitor named) {
        Set<String> seen = new HashSet<>();
        SCHEMAS.values().forEach(schema -> walk(schema, fields, named, seen));
    }

    private static void walk(Schema schema, FieldVisitor fields, SchemaVisitor named, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                named.visit(schema);
                for (Schema.Field field : schema.getFields()) {
                    fields.visit(schema, field);
                    walk(field.schema(), fields, named, seen);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName())) {
                    named.visit(schema);
                }
            }
            case ARRAY -> walk(schema.getElementType(), fields, named, seen);
            case MAP -> walk(schema.getValueType(), fields, named, seen);
            case UNION -> schema.getTypes().forEach(t -> walk(t, fields, named, seen));
            default -> { }
        }
    }
}
