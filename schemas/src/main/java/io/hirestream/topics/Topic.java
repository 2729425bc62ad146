package io.hirestream.topics;

import io.hirestream.serde.AvroSerdes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * One topic of the contract: its name, how its keys and values are serialized, who may write it
 * and the topic-level configs it is created with. The catalogue of these is {@link Topics}; no
 * topic name is spelled anywhere else.
 *
 * @param name        the topic name
 * @param keySerde    serde of the record keys
 * @param valueType   the Avro class of the values, or {@code null} where values are opaque bytes
 * @param writer      the one service allowed to write it, or {@link #ANY_WRITER}
 * @param readers     the principals allowed to read it (see {@link Principal}); its ACLs follow
 *                    from these and the writer ({@link Acls})
 * @param configs     topic-level configs (cleanup policy, retention, ...); partitions,
 *                    replication and min ISR come from {@link TopicSettings}
 * @param description what the topic holds, for people and for {@code topics diff}
 */
public record Topic<K, V>(String name,
                          Serde<K> keySerde,
                          Class<V> valueType,
                          String writer,
                          Set<Principal> readers,
                          Map<String, String> configs,
                          String description) {

    public static final String ANY_WRITER = "any";

    public Topic {
        readers = readers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(readers));
        configs = Map.copyOf(configs);
    }

    /** True where the topic's values are Avro records registered under {@link #valueSubject()}. */
    public boolean hasAvroValues() {
        return valueType != null;
    }

    /** The registry subject of the values, by TopicNameStrategy. */
    public String valueSubject() {
        return name + "-value";
    }

    /** The Avro schema the contract gives the values, if they are Avro. */
    public Optional<Schema> valueSchema() {
        return hasAvroValues() ? Optional.of(SpecificData.get().getSchema(valueType)) : Optional.empty();
    }

    /** A serde of the values, configured with the client's registry settings (see {@link AvroSerdes}). */
    @SuppressWarnings("unchecked")
    public Serde<V> valueSerde(Map<String, ?> clientConfigs) {
        if (!hasAvroValues()) {
            return (Serde<V>) Serdes.ByteArray();
        }
        return AvroSerdes.valueSerde(valueType, clientConfigs);
    }

    /** True where a service owns the topic, so that tools write to it only when forced. */
    public boolean hasSingleWriter() {
        return !ANY_WRITER.equals(writer);
    }

    /** The declaration to create or check this topic with, under the given settings. */
    public TopicDeclaration declaration(TopicSettings settings) {
        return TopicDeclaration.of(this, settings);
    }

    @Override
    public String toString() {
        return name;
    }
}
