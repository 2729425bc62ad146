package io.hirestream.serde;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the Avro serde of a topic's values from a client configuration. By default the serde is
 * hirestream's own; setting {@value #SERIALIZER_CLASS} and {@value #DESERIALIZER_CLASS} to
 * Confluent's {@code io.confluent.kafka.serializers.KafkaAvroSerializer} and
 * {@code KafkaAvroDeserializer} swaps theirs in with no code change, since both read the same keys.
 */
public final class AvroSerdes {

    public static final String SERIALIZER_CLASS = "hirestream.avro.serializer.class";
    public static final String DESERIALIZER_CLASS = "hirestream.avro.deserializer.class";

    private AvroSerdes() {
    }

    public static <T> Serde<T> valueSerde(Class<T> type, Map<String, ?> configs) {
        Map<String, Object> withReader = new HashMap<>(configs);
        withReader.put(AvroDeserializer.SPECIFIC_AVRO_READER, "true");
        return Serdes.serdeFrom(serializer(withReader), deserializer(type, withReader));
    }

    /**
     * A serde for a service's own state stores and their changelogs, which no one else reads: Avro's
     * single-object encoding (a fingerprint of the writer's schema, then Avro binary), with no
     * registry involved, so that a changelog topic, whose name follows the application id, needs no
     * subject of its own. A record written under a schema this build does not know fails loudly.
     */
    public static <T extends SpecificRecord> Serde<T> stateSerde(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema);
        return Serdes.serdeFrom(
                (topic, value) -> {
                    if (value == null) {
                        return null;
                    }
                    try {
                        return encoder.encode(value).array();
                    } catch (IOException e) {
                        throw new SerializationException("cannot encode " + type.getSimpleName() + " for " + topic, e);
                    }
                },
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return decoder.decode(bytes);
                    } catch (IOException | RuntimeException e) {
                        throw new SerializationException("cannot decode " + type.getSimpleName() + " from " + topic, e);
                    }
                });
    }

    private static <T> Serializer<T> serializer(Map<String, Object> configs) {
        Object className = configs.get(SERIALIZER_CLASS);
        Serializer<T> serializer = className == null ? new AvroSerializer<>() : instantiate(className.toString());
        serializer.configure(configs, false);
        return serializer;
    }

    private static <T> Deserializer<T> deserializer(Class<T> type, Map<String, Object> configs) {
        Object className = configs.get(DESERIALIZER_CLASS);
        if (className == null) {
            return new AvroDeserializer<>(type, configs);
        }
        Deserializer<T> deserializer = instantiate(className.toString());
        deserializer.configure(configs, false);
        return deserializer;
    }

    @SuppressWarnings("unchecked")
    private static <C> C instantiate(String className) {
        try {
            return (C) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new KafkaException("cannot create serde class " + className + ": " + e, e);
        }
    }
}
