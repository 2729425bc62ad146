package io.hirestream.service.streams;

import org.apache.kafka.common.serialization.Serde;

import java.util.Map;
import java.util.function.Function;

/**
 * A key-value store that {@link StateQueries} can read on any instance.
 *
 * @param name        the store's name
 * @param sourceTopic an input topic of the store's tasks, whose partitions are the store's partitions
 * @param values      the serde of its values, also used to hand values between instances
 * @param fields      the fields a list of its values can be filtered by ({@code status}, {@code requisitionId}),
 *                    applied where the values are, so that a page costs the same whatever the store holds
 */
public record QueryableStore<V>(String name, String sourceTopic, Serde<V> values, Function<V, Map<String, String>> fields) {

    public QueryableStore(String name, String sourceTopic, Serde<V> values) {
        this(name, sourceTopic, values, value -> Map.of());
    }

    /** True where the value has every field as given (field names as the store declares them; values ignoring case). */
    public boolean matches(V value, Map<String, String> filters) {
        if (filters.isEmpty()) {
            return true;
        }
        Map<String, String> have = fields.apply(value);
        return filters.entrySet().stream().allMatch(filter -> filter.getValue().equalsIgnoreCase(have.get(filter.getKey())));
    }
}
