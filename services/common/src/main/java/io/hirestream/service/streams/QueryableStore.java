package io.hirestream.service.streams;

import org.apache.kafka.common.serialization.Serde;

/**
 * A key-value store that {@link StateQueries} can read on any instance.
 *
 * @param name        the store's name
 * @param sourceTopic an input topic of the store's tasks, whose partitions are the store's partitions
 * @param values      the serde of its values, also used to hand values between instances
 */
public record QueryableStore<V>(String name, String sourceTopic, Serde<V> values) {
}
