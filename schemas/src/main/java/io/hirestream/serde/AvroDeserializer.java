package io.hirestream.serde;

import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.registry.SchemaRegistryException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.hirestream.serde.UndeserializableRecordException.Reason.CORRUPT;
import static io.hirestream.serde.UndeserializableRecordException.Reason.TRUNCATED;
import static io.hirestream.serde.UndeserializableRecordException.Reason.UNKNOWN_SCHEMA_ID;
import static io.hirestream.serde.UndeserializableRecordException.Reason.UNRESOLVABLE_SCHEMA;

/**
 * Reads Confluent-framed Avro: the writer's schema comes from the registry by the record's schema
 * id and is resolved against the reader's schema, so that producers and consumers on different
 * versions of a schema interoperate. Bytes that cannot be read raise a typed
 * {@link UndeserializableRecordException}; a registry that cannot be reached raises a
 * {@link SchemaRegistryException}, which is not the record's fault.
 *
 * <p>Configured like Confluent's {@code KafkaAvroDeserializer}: {@code schema.registry.url} and
 * {@code specific.avro.reader}. Constructed with a reader class it always reads that class.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    private static final Logger LOG = LoggerFactory.getLogger(AvroDeserializer.class);
    /** Schema ids a registry did not know, shared by every deserializer of the JVM. */
    private static final Map<UnknownKey, UnknownId> UNKNOWN_IDS = new ConcurrentHashMap<>();

    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Class<T> readerType;
    private final Schema readerSchema;
    private SchemaRegistryClient registry;
    private boolean specific;

    /** For configuration by class name; reads the class named by the writer's schema, or generic records. */
    public AvroDeserializer() {
        this.readerType = null;
        this.readerSchema = null;
    }

    /** Reads every record as {@code readerType}, resolving the writer's schema against its schema. */
    public AvroDeserializer(Class<T> readerType, Map<String, ?> configs) {
        this.readerType = readerType;
        this.readerSchema = null;
        configure(configs, false);
    }

    /** Reads every record as a generic record of {@code readerSchema}, e.g. a newer version than the writer's. */
    public AvroDeserializer(Schema readerSchema, Map<String, ?> configs) {
        this.readerType = null;
        this.readerSchema = readerSchema;
        configure(configs, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = SchemaRegistryClient.shared(RegistryConfig.from(configs));
        Object specificReader = configs.get(SPECIFIC_AVRO_READER);
        this.specific = readerType != null
                || (readerSchema == null && specificReader != null && Boolean.parseBoolean(specificReader.toString()));
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int id = WireFormat.schemaId(topic, bytes);
        DatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = readerFor(topic, id);
            readers.put(id, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
        T value;
        try {
            value = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new UndeserializableRecordException(TRUNCATED, topic, id, "the Avro data ends early", e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException
                 | NegativeArraySizeException | IllegalArgumentException e) {
            throw new UndeserializableRecordException(CORRUPT, topic, id, "malformed Avro data: " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new UndeserializableRecordException(CORRUPT, topic, id,
                        "bytes left over after the value; they belong to no schema", null);
            }
        } catch (IOException e) {
            throw new UndeserializableRecordException(CORRUPT, topic, id, "malformed Avro data: " + e, e);
        }
        return value;
    }

    private DatumReader<T> readerFor(String topic, int id) {
        Schema writer = writerSchema(topic, id);
        Schema reader = readerSchema(writer);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new UndeserializableRecordException(UNRESOLVABLE_SCHEMA, topic, id,
                    "the writer's " + writer.getFullName() + " cannot be read as " + reader.getFullName() + ": "
                            + SchemaDiffs.describe(compatibility.getResult()), null);
        }
        if (specific) {
            SpecificData model = SpecificData.getForSchema(reader);
            return new SpecificDatumReader<>(writer, reader, model);
        }
        return new GenericDatumReader<>(writer, reader, GenericData.get());
    }

    /**
     * The writer's schema. An id the registry does not know may be one it has not replicated yet (a
     * registry failover): it is asked again, backing off, until the id has been unknown for the
     * grace period, and only then is the record poison. Past the grace, records naming it are
     * poison at once, and the registry is asked again once per grace period.
     */
    private Schema writerSchema(String topic, int id) {
        Duration grace = registry.config().unknownIdGrace();
        UnknownKey key = new UnknownKey(registry.config(), id);
        long backoff = Math.max(registry.config().retryBackoff().toMillis(), 1);
        while (true) {
            UnknownId known = UNKNOWN_IDS.get(key);
            if (known != null && known.pastGrace(grace) && !known.dueForAnotherLook(grace)) {
                throw unknown(topic, id, known.since(), null);
            }
            try {
                Schema writer = registry.schemaById(id);
                UNKNOWN_IDS.remove(key);
                return writer;
            } catch (SchemaRegistryException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
                UnknownId unknown = UNKNOWN_IDS.merge(key, new UnknownId(Instant.now(), Instant.now()),
                        (old, asked) -> new UnknownId(old.since(), asked.lastAsked()));
                if (unknown.pastGrace(grace)) {
                    throw unknown(topic, id, unknown.since(), e);
                }
                Duration unknownFor = Duration.between(unknown.since(), Instant.now());
                LOG.warn("schema id {} on {} is not known to the registry at {} (for {} ms); asking again within the {} ms"
                        + " grace period", id, topic, registry.config().describe(), unknownFor.toMillis(), grace.toMillis());
                pause(Math.min(backoff, grace.minus(unknownFor).toMillis() + 1));
                backoff = Math.min(backoff * 2, 2_000);
            }
        }
    }

    private UndeserializableRecordException unknown(String topic, int id, Instant since, Exception cause) {
        return new UndeserializableRecordException(UNKNOWN_SCHEMA_ID, topic, id, "no schema with this id at "
                + registry.config().describe() + " (unknown since " + since + ")", cause);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting for the schema registry", e);
        }
    }

    private Schema readerSchema(Schema writer) {
        if (readerSchema != null) {
            return readerSchema;
        }
        if (readerType != null) {
            return SpecificData.get().getSchema(readerType);
        }
        if (specific) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated != null) {
                return SpecificData.get().getSchema(generated);
            }
        }
        return writer;
    }

    private record UnknownKey(RegistryConfig registry, int id) {
    }

    /** An id a registry did not know: since when, and when it was last asked. */
    private record UnknownId(Instant since, Instant lastAsked) {

        boolean pastGrace(Duration grace) {
            return Duration.between(since, Instant.now()).compareTo(grace) >= 0;
        }

        boolean dueForAnotherLook(Duration grace) {
            return Duration.between(lastAsked, Instant.now()).compareTo(grace) >= 0;
        }
    }
}
