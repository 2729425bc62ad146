package io.hirestream.serde;

import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes Avro records in the Confluent wire format under TopicNameStrategy subjects
 * ({@code <topic>-value}, {@code <topic>-key}). Configured with Confluent's keys, so that it and
 * Confluent's {@code KafkaAvroSerializer} are interchangeable by configuration:
 * {@code schema.registry.url}, {@code auto.register.schemas} (default false here: schemas are
 * registered by provisioning, auto-registration is a development switch), {@code basic.auth.*}.
 */
public class AvroSerializer<T> implements Serializer<T> {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean autoRegister;
    private boolean isKey;

    public AvroSerializer() {
    }

    /** A serializer already configured from a client configuration map. */
    public AvroSerializer(Map<String, ?> configs, boolean isKey) {
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = SchemaRegistryClient.shared(RegistryConfig.from(configs));
        Object auto = configs.get(AUTO_REGISTER_SCHEMAS);
        this.autoRegister = auto != null && Boolean.parseBoolean(auto.toString());
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("cannot write " + data.getClass().getName()
                    + " to topic " + topic + ": not an Avro record");
        }
        Schema schema = container.getSchema();
        int id = schemaId(topic + (isKey ? "-key" : "-value"), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer(schema, data).write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write a " + schema.getFullName() + " to topic " + topic
                    + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String subject, Schema schema) {
        if (autoRegister) {
            return registry.register(subject, schema);
        }
        OptionalInt id = registry.lookup(subject, schema);
        if (id.isEmpty()) {
            throw new SerializationException("schema " + schema.getFullName() + " is not registered under subject '"
                    + subject + "' at " + registry.config().describe()
                    + ": register it (ops/hirestream schemas register) or, in development only, set "
                    + AUTO_REGISTER_SCHEMAS + "=true");
        }
        return id.getAsInt();
    }

    private DatumWriter<Object> writer(Schema schema, Object data) {
        return writers.computeIfAbsent(schema, s -> data instanceof SpecificRecord
                ? new SpecificDatumWriter<>(s, SpecificData.getForSchema(s))
                : new GenericDatumWriter<>(s, GenericData.get()));
    }
}
