package io.hirestream.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * Builds a {@link WriteBackStore} over any key-value bytes store (RocksDB or in-memory), logged
 * to a changelog like any other store. Kafka Streams' record cache is left off: the write-back
 * map does its job without serializing every update.
 */
public final class WriteBackStoreBuilder<K, V> implements StoreBuilder<WriteBackStore<K, V>> {

    private final StoreBuilder<KeyValueStore<K, V>> inner;

    public WriteBackStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        this.inner = Stores.keyValueStoreBuilder(supplier, keySerde, valueSerde).withCachingDisabled();
    }

    @Override
    public StoreBuilder<WriteBackStore<K, V>> withCachingEnabled() {
        throw new UnsupportedOperationException("a write-back store is its own cache");
    }

    @Override
    public StoreBuilder<WriteBackStore<K, V>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<WriteBackStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<WriteBackStore<K, V>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public WriteBackStore<K, V> build() {
        return new WriteBackStore<>(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
