package io.hirestream.serde;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

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
