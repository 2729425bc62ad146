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
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key-value store that keeps the values written since the last commit as objects, and writes
 * them to its inner (logged) store only when the task commits. A value that changes on every
 * record (a funnel row, an application's state) is then serialized and logged once per commit,
 * not once per record; and because the write-back happens inside the commit, the changelog
 * still commits atomically with the input offsets under exactly-once.
 *
 * <p>Kafka Streams offers custom stores no public hook that runs before the commit: it flushes
 * its own record caches at that point, through {@link CachedStateStore#flushCache()}, and calls
 * {@link #commit} only after the transaction. So this store implements that (internal)
 * interface, as Kafka Streams' caching stores do; the funnel's restore integration test fails if
 * a Kafka Streams upgrade changes that contract.
 *
 * <p>A commit prepares its tasks one by one, and after each task's {@code flushCache} it waits for
 * everything sent so far to be acknowledged. Were each store to write back only in its own task's
 * turn, a commit would wait for one round trip to the broker per task, and nothing is processed
 * while it waits. So the first store of a stream thread to be flushed writes back every store that
 * thread has written to since the last commit: they all belong to the one transaction the thread
 * commits, and the commit then waits for one round trip instead of one per task.
 *
 * <p>Values handed out by {@link #get} may be mutated by the processor, which must then
 * {@link #put} them back. Interactive queries read through the same map, so they see what the
 * processor has written, committed or not (as Kafka Streams' own caching stores do).
 * {@link #all()} and {@link #range} stream the inner store when nothing is pending, and copy it
 * otherwise: iterate a large store only where nothing has been written since the last commit.
 */
public final class WriteBackStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {

    private static final Object DELETED = new Object();

    /**
     * The stores each stream thread has written to since its last commit. Only a task's own
     * stream thread writes to its stores, so a thread only ever writes back stores of its own
     * tasks, into its own transaction.
     */
    private static final ThreadLocal<Set<WriteBackStore<?, ?>>> PENDING = ThreadLocal.withInitial(LinkedHashSet::new);

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
        pending();
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
        pending();
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

    /**
     * Called as the task prepares its commit, before the transaction commits: writes back this
     * store and every other store this thread has written to since its last commit.
     */
    @Override
    public void flushCache() {
        // A store is in its thread's set exactly while it has writes pending, this one included.
        Set<WriteBackStore<?, ?>> pending = PENDING.get();
        pending.forEach(WriteBackStore::writeBack);
        pending.clear();
    }

    /** Called when the task's uncommitted work is thrown away (a dirty close): forget it too. */
    @Override
    public void clearCache() {
        PENDING.get().remove(this);
        written.clear();
    }

    private void pending() {
        if (written.isEmpty()) {
            PENDING.get().add(this);
        }
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public void close() {
        PENDING.get().remove(this);
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
        if (!inner.isOpen()) {
            // Closed without a commit (a dirty close): its state is wiped and restored, so nothing is lost.
            written.clear();
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
        if (written.isEmpty()) {
            // Nothing pending (as when a task starts): stream the inner store instead of copying it.
            return committed;
        }
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
        List<KeyValue<K, V>> entries = new ArrayList<>(merged.size());
        merged.forEach((key, value) -> entries.add(KeyValue.pair(key, value)));
        return KeyValueIterators.of(entries.iterator());
    }
}
