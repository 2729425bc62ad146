package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.registry.SchemaRegistryException;
import io.hirestream.serde.UndeserializableRecordException;
import io.hirestream.serde.UndeserializableRecordException.Reason;
import io.hirestream.serde.WireFormat;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a stage event's Confluent-framed Avro straight into the few fields the funnel needs,
 * skipping the rest, with no record object in between. Which field is where comes from the
 * writer's schema (fetched by id, like any Avro reader), matched by name, so older and newer
 * writers read alike; a writer schema that lacks a needed field, or names another record, is
 * unresolvable. Errors are the serde's typed ones, so poison records go to the dead letters.
 *
 * <p>This is the funnel's hot path: decoding whole Avro records cost about a sixth of its time,
 * most of it building strings, decimals and round lists that it never looks at.
 */
final class StageEventDecoder {

    private static final Set<String> COMMON = Set.of("eventId", "applicationId", "role", "location", "occurredAt");

    /** Decoders are reused per thread: the serde is shared by every stream thread of the application. */
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final SchemaRegistryClient registry;
    private final Stage stage;
    private final String recordName;
    private final Map<Integer, Plan> plans = new ConcurrentHashMap<>();

    StageEventDecoder(Map<String, ?> clientConfigs, Stage stage, Schema readerSchema) {
        this.registry = SchemaRegistryClient.shared(RegistryConfig.from(clientConfigs));
        this.stage = stage;
        this.recordName = readerSchema.getFullName();
    }

    StageEvent decode(String topic, byte[] bytes) {
        int id = WireFormat.schemaId(topic, bytes);
        Plan plan = plans.get(id);
        if (plan == null) {
            plan = plan(topic, id);
            plans.put(id, plan);
        }
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE,
                bytes.length - WireFormat.HEADER_SIZE, DECODERS.get());
        DECODERS.set(in);
        try {
            StageEvent event = plan.read(in, stage);
            if (!in.isEnd()) {
                throw new UndeserializableRecordException(Reason.CORRUPT, topic, id,
                        "bytes left over after the value; they belong to no schema", null);
            }
            return event;
        } catch (EOFException e) {
            throw new UndeserializableRecordException(Reason.TRUNCATED, topic, id, "the Avro data ends early", e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | IllegalArgumentException e) {
            throw new UndeserializableRecordException(Reason.CORRUPT, topic, id, "malformed Avro data: " + e, e);
        }
    }

    private Plan plan(String topic, int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new UndeserializableRecordException(Reason.UNKNOWN_SCHEMA_ID, topic, id,
                        "no schema with this id at " + registry.config().describe(), e);
            }
            throw e;
        }
        if (writer.getType() != Schema.Type.RECORD
                || !(writer.getFullName().equals(recordName) || writer.getAliases().contains(recordName))) {
            throw new UndeserializableRecordException(Reason.UNRESOLVABLE_SCHEMA, topic, id,
                    "the writer's " + writer.getFullName() + " is not a " + recordName, null);
        }
        List<Schema.Field> fields = writer.getFields();
        Step[] steps = new Step[fields.size()];
        int found = 0;
        for (int i = 0; i < steps.length; i++) {
            Schema.Field field = fields.get(i);
            Step step = read(field);
            if (step != null && !field.name().equals("source")) {
                found++;
            }
            steps[i] = step != null ? step : skip(field.schema());
        }
        int needed = COMMON.size() + (stage.decides() ? 1 : 0);
        if (found != needed) {
            throw new UndeserializableRecordException(Reason.UNRESOLVABLE_SCHEMA, topic, id,
                    "the writer's " + writer.getFullName() + " lacks fields the funnel needs, or has them of another type", null);
        }
        return new Plan(steps);
    }

    /** The step that reads a field the funnel needs, or null where it needs no such field. */
    private Step read(Schema.Field field) {
        Schema.Type type = field.schema().getType();
        return switch (field.name()) {
            case "eventId" -> type == Schema.Type.STRING ? (in, e) -> e.eventId = in.readString() : null;
            case "applicationId" -> type == Schema.Type.STRING ? (in, e) -> e.applicationId = in.readString() : null;
            case "role" -> type == Schema.Type.STRING ? (in, e) -> e.role = Names.read(in) : null;
            case "location" -> type == Schema.Type.STRING ? (in, e) -> e.location = Names.read(in) : null;
            case "occurredAt" -> type == Schema.Type.LONG ? (in, e) -> e.occurredAt = in.readLong() : null;
            case "outcome" -> {
                if (!stage.decides() || type != Schema.Type.ENUM) {
                    yield null;
                }
                List<String> symbols = field.schema().getEnumSymbols();
                Decision[] decisions = new Decision[symbols.size()];
                for (int i = 0; i < decisions.length; i++) {
                    decisions[i] = switch (symbols.get(i)) {
                        case "PASSED" -> Decision.PASSED;
                        case "REJECTED" -> Decision.REJECTED;
                        default -> Decision.UNKNOWN;
                    };
                }
                yield (in, e) -> e.decision = decisions[in.readEnum()];
            }
            // Optional: an applied event without one counts under the UNKNOWN source.
            case "source" -> {
                if (stage != Stage.APPLIED || type != Schema.Type.ENUM) {
                    yield null;
                }
                String[] symbols = field.schema().getEnumSymbols().stream().map(String::intern).toArray(String[]::new);
                yield (in, e) -> e.source = symbols[in.readEnum()];
            }
            default -> null;
        };
    }

    /** The step that skips a value of this schema without building it. */
    private static Step skip(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> (in, e) -> { };
            case BOOLEAN -> (in, e) -> in.readBoolean();
            case INT, LONG -> (in, e) -> in.readLong();
            case FLOAT -> (in, e) -> in.skipFixed(4);
            case DOUBLE -> (in, e) -> in.skipFixed(8);
            case STRING -> (in, e) -> in.skipString();
            case BYTES -> (in, e) -> in.skipBytes();
            case FIXED -> {
                int size = schema.getFixedSize();
                yield (in, e) -> in.skipFixed(size);
            }
            case ENUM -> (in, e) -> in.readEnum();
            case ARRAY -> {
                Step item = skip(schema.getElementType());
                yield (in, e) -> {
                    for (long n = in.skipArray(); n != 0; n = in.skipArray()) {
                        for (long i = 0; i < n; i++) {
                            item.apply(in, e);
                        }
                    }
                };
            }
            case MAP -> {
                Step value = skip(schema.getValueType());
                yield (in, e) -> {
                    for (long n = in.skipMap(); n != 0; n = in.skipMap()) {
                        for (long i = 0; i < n; i++) {
                            in.skipString();
                            value.apply(in, e);
                        }
                    }
                };
            }
            case UNION -> {
                Step[] branches = schema.getTypes().stream().map(StageEventDecoder::skip).toArray(Step[]::new);
                yield (in, e) -> branches[in.readIndex()].apply(in, e);
            }
            case RECORD -> {
                Step[] fields = schema.getFields().stream().map(f -> skip(f.schema())).toArray(Step[]::new);
                yield (in, e) -> {
                    for (Step field : fields) {
                        field.apply(in, e);
                    }
                };
            }
        };
    }

    /**
     * Roles and locations: a few hundred distinct values over millions of events. Reading them
     * through a small per-thread table of the strings already seen saves building and hashing a
     * new string for each event.
     */
    private static final class Names {
        private static final int LIMIT = 10_000;
        private static final ThreadLocal<Names> TABLES = ThreadLocal.withInitial(Names::new);
        private final Map<Utf8, String> seen = new HashMap<>();
        private Utf8 scratch = new Utf8();

        static String read(BinaryDecoder in) throws IOException {
            Names names = TABLES.get();
            names.scratch = in.readString(names.scratch);
            String known = names.seen.get(names.scratch);
            if (known != null) {
                return known;
            }
            String name = names.scratch.toString();
            if (names.seen.size() < LIMIT) {
                names.seen.put(new Utf8(Arrays.copyOf(names.scratch.getBytes(), names.scratch.getByteLength())), name);
            }
            return name;
        }
    }

    /** Reads or skips one field. */
    @FunctionalInterface
    private interface Step {
        void apply(BinaryDecoder in, Fields event) throws IOException;
    }

    /** The fields read so far of one event. */
    private static final class Fields {
        String eventId;
        String applicationId;
        String role;
        String location;
        long occurredAt;
        Decision decision = Decision.NONE;
        String source;
    }

    /** The steps for one writer schema, in its field order. */
    private record Plan(Step[] steps) {
        StageEvent read(BinaryDecoder in, Stage stage) throws IOException {
            Fields fields = new Fields();
            for (Step step : steps) {
                step.apply(in, fields);
            }
            return new StageEvent(fields.eventId, fields.applicationId, stage, fields.role, fields.location,
                    fields.occurredAt, fields.decision, fields.source);
        }
    }
}
