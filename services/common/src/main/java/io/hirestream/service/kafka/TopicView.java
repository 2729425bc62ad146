package io.hirestream.service.kafka;

import io.hirestream.topics.Topic;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The latest value per key of a compacted topic, kept in memory and followed as it changes:
 * read from the beginning of every partition (no consumer group, nothing committed), tombstones
 * remove keys. {@link #caughtUp()} says whether it has read up to where the topic ended when it
 * started. A record that cannot be read goes to the dead-letter topic and changes no key.
 */
public final class TopicView<V> implements AutoCloseable {

    /**
     * How much a view keeps, for topics whose values matter only for a while (receipts): values
     * older than {@code maxAge} by the time they carry are dropped, and beyond {@code maxEntries}
     * the oldest taken in go first, so that memory stays bounded whatever the topic holds.
     */
    public record Retention<V>(Duration maxAge, int maxEntries, Function<V, Instant> timeOf) {
    }

    private record Taken(String key, Instant at) {
    }

    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final TopicFollower<V> follower;
    private final Retention<V> retention;
    /** Keys in the order they were taken in, with their time: the eviction order under a retention. */
    private final Queue<Taken> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ordered = new AtomicInteger();
    private final Clock clock;
    private volatile boolean caughtUp;

    public TopicView(Topic<String, V> topic, Map<String, ?> clientConfigs) {
        this(topic, clientConfigs, null, Clock.systemUTC());
    }

    /** A view that keeps only what the retention allows (null: everything). */
    public TopicView(Topic<String, V> topic, Map<String, ?> clientConfigs, Retention<V> retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
        this.follower = new TopicFollower<>(topic, clientConfigs, TopicFollower.From.BEGINNING,
                TopicFollower.Listener.of(this::put, () -> this.caughtUp = true));
    }

    public TopicView<V> start() {
        follower.start();
        return this;
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !expired(value));
    }

    public Collection<V> values() {
        return values.values();
    }

    /**
     * Records a value this service has just written itself, before the view reads it back. The same
     * value again (read back from the topic) changes nothing: the first copy stays, counted once.
     */
    public void put(String key, V value) {
        if (value == null) {
            values.remove(key);
            return;
        }
        boolean[] taken = {false};
        // In one step per key: intake puts a value as its transaction commits while this view's follower
        // reads the same value back, and both must not take it in.
        values.compute(key, (k, held) -> {
            if (value.equals(held)) {
                // Replacing it would keep two copies alive long enough to be copied by the collector (intake's
                // receipts: each application's value put on commit, then read back), and count it twice
                // toward the retention's maximum.
                return held;
            }
            if (expired(value)) {
                return null;
            }
            taken[0] = true;
            return value;
        });
        if (taken[0] && retention != null) {
            order.add(new Taken(key, retention.timeOf().apply(value)));
            ordered.incrementAndGet();
            evict();
        }
    }

    /** Drops the oldest values taken in while there are too many, or while the oldest is too old. */
    private void evict() {
        Instant horizon = clock.instant().minus(retention.maxAge());
        Taken oldest;
        while ((oldest = order.peek()) != null && (ordered.get() > retention.maxEntries() || oldest.at().isBefore(horizon))) {
            if (order.remove(oldest)) {
                ordered.decrementAndGet();
                Taken gone = oldest;
                // Only if the key still holds the value that was taken in then (not a newer one).
                values.computeIfPresent(gone.key(), (key, value) -> retention.timeOf().apply(value).equals(gone.at()) ? null : value);
            }
        }
    }

    private boolean expired(V value) {
        return retention != null && retention.timeOf().apply(value).isBefore(clock.instant().minus(retention.maxAge()));
    }

    /** How many values the view holds now. */
    public int size() {
        return values.size();
    }

    /** True once the view has read what the topic held when the view started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Completes once the view holds every record committed to the topic before this call. */
    public CompletableFuture<Void> readUpToNow() {
        return follower.readUpToNow();
    }

    /** See {@link TopicFollower#readPast}: completes once the view has taken in or skipped that record, its transaction decided. */
    public CompletableFuture<Void> readPast(TopicPartition partition, long offset) {
        return follower.readPast(partition, offset);
    }

    /** True while the thread that follows the topic runs. */
    public boolean running() {
        return follower.running();
    }

    @Override
    public void close() {
        follower.close();
    }
}
