package io.hirestream.service.kafka;

import io.hirestream.topics.Topic;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest value per key of a compacted topic, kept in memory and followed as it changes:
 * read from the beginning of every partition (no consumer group, nothing committed), tombstones
 * remove keys. {@link #caughtUp()} says whether it has read up to where the topic ended when it
 * started. A record that cannot be read goes to the dead-letter topic and changes no key.
 */
public final class TopicView<V> implements AutoCloseable {

    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final TopicFollower<V> follower;
    private volatile boolean caughtUp;

    public TopicView(Topic<String, V> topic, Map<String, ?> clientConfigs) {
        this.follower = new TopicFollower<>(topic, clientConfigs, TopicFollower.From.BEGINNING, new TopicFollower.Listener<>() {
            @Override
            public void record(String key, V value) {
                put(key, value);
            }

            @Override
            public void caughtUp() {
                TopicView.this.caughtUp = true;
            }
        });
    }

    public TopicView<V> start() {
        follower.start();
        return this;
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Collection<V> values() {
        return values.values();
    }

    /** Records a value this service has just written itself, before the view reads it back. */
    public void put(String key, V value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    /** True once the view has read what the topic held when the view started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Completes once the view holds every record committed to the topic before this call. */
    public CompletableFuture<Void> readUpToNow() {
        return follower.readUpToNow();
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
