package io.hirestream.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key-value store that keeps the values written since the last commit as objects, and writes
 * them to its inner (logged) store only when the task commits. A value that changes on every
 * record (a funnel row, an application's state) is then serialized and logged once per commit,
 * not once per record; and because the write-back happens inside the commit, the changelog
 * still commits atomically with the input offsets under exactly-once.
 *
 * <p>Values handed out by {@link #get} may be mutated by the processor, which must then
 * {@link #put} them back. Interactive queries read through the same map, so they see what the
 * processor has written, committed or not (as Kafka Streams' own caching stores do).
 * {@link #all()} and {@link #range} copy the store: use them on small stores only.
 */
public final class WriteBackStore<K, V> implements KeyValueStore<K, V> {

    private static final Object DELETED = new Object();

    private final KeyValueStore<K, V> inner;
    private final Map<K, Object> written = new ConcurrentHashMap<>();

    WriteBackStore(KeyValueStore<K, V> inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object value = written.get(key);
        if (value != null) {
            return value == DELETED ? null : (V) value;
        }
        return inner.get(key);
    }

    @Override
    public void put(K key, V value) {
        written.put(key, value == null ? DELETED : value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(K key) {
        V existing = get(key);
        written.put(key, DELETED);
        return existing;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return overlay(inner.range(from, to), key -> true);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return overlay(inner.all(), key -> true);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries() + written.size();
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        writeBack();
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writeBack();
        inner.commit(changelogOffsets);
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    /** Writes what changed since the last commit into the inner store, and through it to the changelog. */
    @SuppressWarnings("unchecked")
    private void writeBack() {
        if (written.isEmpty()) {
            return;
        }
        List<KeyValue<K, V>> puts = new ArrayList<>(written.size());
        List<K> deletes = new ArrayList<>();
        for (Map.Entry<K, Object> entry : written.entrySet()) {
            if (entry.getValue() == DELETED) {
                deletes.add(entry.getKey());
            } else {
                puts.add(KeyValue.pair(entry.getKey(), (V) entry.getValue()));
            }
        }
        inner.putAll(puts);
        deletes.forEach(inner::delete);
        written.clear();
    }

    @SuppressWarnings("unchecked")
    private KeyValueIterator<K, V> overlay(KeyValueIterator<K, V> committed, java.util.function.Predicate<K> inRange) {
        Map<K, V> merged = new LinkedHashMap<>();
        try (committed) {
            committed.forEachRemaining(entry -> merged.put(entry.key, entry.value));
        }
        for (Map.Entry<K, Object> entry : written.entrySet()) {
            if (entry.getValue() == DELETED) {
                merged.remove(entry.getKey());
            } else if (inRange.test(entry.getKey())) {
                merged.put(entry.getKey(), (V) entry.getValue());
            }
        }
        Iterator<Map.Entry<K, V>> entries = merged.entrySet().iterator();
        return new KeyValueIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public K peekNextKey() {
                throw new UnsupportedOperationException("peekNextKey");
            }

            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public KeyValue<K, V> next() {
                Map.Entry<K, V> entry = entries.next();
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }
        };
    }
}
