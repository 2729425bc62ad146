package io.hirestream.schemas;

import org.apache.avro.Schema;

/** Turns Avro's JSON-pointer locations ({@code /fields/3/type/fields/0}) into field names ({@code requirements.minDegree}). */
public final class FieldPaths {

    private FieldPaths() {
    }

    public static String fieldNames(Schema schema, String location) {
        if (location == null || location.isBlank() || "/".equals(location)) {
            return "(the schema itself)";
        }
        String[] steps = location.substring(1).split("/");
        StringBuilder path = new StringBuilder();
        Schema at = schema;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if ("fields".equals(step) && i + 1 < steps.length && at != null && at.getType() == Schema.Type.RECORD) {
                int index = Integer.parseInt(steps[++i]);
                if (index >= at.getFields().size()) {
                    break;
                }
                Schema.Field field = at.getFields().get(index);
                path.append(path.isEmpty() ? "" : ".").append(field.name());
                at = field.schema();
            } else if (at != null) {
                at = switch (step) {
                    case "items" -> at.getType() == Schema.Type.ARRAY ? at.getElementType() : at;
                    case "values" -> at.getType() == Schema.Type.MAP ? at.getValueType() : at;
                    default -> at;
                };
                if (at != null && at.getType() == Schema.Type.UNION && i + 1 < steps.length && steps[i + 1].matches("\\d+")) {
                    at = at.getTypes().get(Integer.parseInt(steps[++i]));
                }
            }
        }
        return path.isEmpty() ? location : "'" + path + "'";
    }
}
