package io.hirestream.streams;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory store of objects with no changelog: for state that a processor derives from
 * another, logged store when its task starts, so that it never has to be serialized at all. It
 * is registered with Kafka Streams only so that interactive queries can read it; a task that is
 * not running (restoring, or a standby) has not derived it, and Kafka Streams does not let
 * queries read such a task unless they ask for stale stores, which readers of this store must
 * not do.
 */
public final class ObjectStore<K, V> implements KeyValueStore<K, V> {

    private final String name;
    private final Map<K, V> values = new ConcurrentHashMap<>();
    private volatile boolean open;

    private ObjectStore(String name) {
        this.name = name;
    }

    /** A builder that Kafka Streams can add to a topology. */
    public static <K, V> StoreBuilder<ObjectStore<K, V>> builder(String name) {
        return new Builder<>(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> {
            throw new IllegalStateException(name + " has no changelog to restore from");
        });
        open = true;
    }

    @Override
    public V get(K key) {
        return values.get(key);
    }

    @Override
    public void put(K key, V value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return values.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(K key) {
        return values.remove(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        throw new UnsupportedOperationException(name + " is not ordered");
    }

    /** A snapshot of the entries, in no particular order. */
    @Override
    public KeyValueIterator<K, V> all() {
        List<KeyValue<K, V>> snapshot = new ArrayList<>(values.size());
        values.forEach((key, value) -> snapshot.add(KeyValue.pair(key, value)));
        return KeyValueIterators.of(snapshot.iterator());
    }

    @Override
    public long approximateNumEntries() {
        return values.size();
    }

    @Override
    public void close() {
        values.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private static final class Builder<K, V> implements StoreBuilder<ObjectStore<K, V>> {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<ObjectStore<K, V>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<ObjectStore<K, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<ObjectStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException(name + " is derived state: it has no changelog");
        }

        @Override
        public StoreBuilder<ObjectStore<K, V>> withLoggingDisabled() {
            return this;
        }

        @Override
        public ObjectStore<K, V> build() {
            return new ObjectStore<>(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
