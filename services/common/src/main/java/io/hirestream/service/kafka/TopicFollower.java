package io.hirestream.service.kafka;

import io.hirestream.deadletter.DeadLetterRouter;
import io.hirestream.service.Pauses;
import io.hirestream.streams.ServiceIdentity;
import io.hirestream.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Follows every partition of a topic on a thread of its own, with no consumer group and nothing
 * committed, handing each committed record to a listener. A record that cannot be read, or that the
 * listener fails on, goes to the dead-letter topic with its reason (acknowledged before the follower
 * moves past it) and the rest goes on; a failure of the consumer itself, or of the dead-letter
 * topic, starts it over, from where it was, after a second.
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    /** Where a follower starts the first time. */
    public enum From { BEGINNING, END }

    /** What the follower hands its records to. */
    public interface Listener<V> {

        /**
         * A record of the topic, a tombstone as a null value. What it throws sends the record to the
         * dead-letter topic: it is not handed on again.
         */
        void record(String key, V value);

        /** The follower has read what the topic held when it started. */
        default void caughtUp() {
        }

        /** A listener that hands each record to {@code records} and says once when it has {@code caughtUp}. */
        static <V> Listener<V> of(BiConsumer<String, V> records, Runnable caughtUp) {
            return new Listener<>() {
                @Override
                public void record(String key, V value) {
                    records.accept(key, value);
                }

                @Override
                public void caughtUp() {
                    caughtUp.run();
                }
            };
        }
    }

    private final Topic<String, V> topic;
    private final Map<String, Object> configs;
    private final From from;
    private final Listener<V> listener;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private final Queue<CatchUp> catchUps = new ConcurrentLinkedQueue<>();
    private final List<CatchUp> pendingCatchUps = new ArrayList<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Producer<byte[], byte[]> deadLetterProducer;
    private DeadLetterRouter deadLetters;

    public TopicFollower(Topic<String, V> topic, Map<String, ?> clientConfigs, From from, Listener<V> listener) {
        this.topic = topic;
        this.from = from;
        this.listener = listener;
        this.configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.thread = new Thread(this::follow, "follow-" + topic.name());
        thread.setDaemon(true);
    }

    public TopicFollower<V> start() {
        thread.start();
        return this;
    }

    /**
     * Completes once the follower has handed on every record committed to the topic before this
     * call (it reads up to the topic's end as a read-committed consumer sees it now).
     */
    public CompletableFuture<Void> readUpToNow() {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        catchUps.add(new CatchUp(null, reached));
        return reached;
    }

    /**
     * Completes once the follower has moved past {@code offset} of {@code partition}: it has handed on
     * the record there if its transaction committed, and skipped it if it aborted. A read-committed
     * consumer cannot move past a record whose transaction is still open, so this waits, however long
     * that takes, for the transaction to be decided.
     */
    public CompletableFuture<Void> readPast(TopicPartition partition, long offset) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        catchUps.add(new CatchUp(Map.of(partition, offset + 1), reached));
        return reached;
    }

    /** True while the thread that follows the topic runs. */
    public boolean running() {
        return thread.isAlive();
    }

    private void follow() {
        boolean caughtUp = false;
        while (running) {
            // Read as bytes and deserialized here, record by record: a record that fails, however it fails, is
            // dead-lettered with its own bytes, and the records after it in the same fetch are still handed on.
            try (KafkaConsumer<byte[], byte[]> follower = new KafkaConsumer<>(configs, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
                 Deserializer<String> keys = topic.keySerde().deserializer();
                 Deserializer<V> values = topic.valueSerde(configs).deserializer()) {
                consumer = follower;
                List<TopicPartition> partitions = follower.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (partitions.isEmpty()) {
                    // Not created yet (a Kafka Streams changelog before the application's first start): look again.
                    LOG.info("{} does not exist yet; looking again in 1 s", topic.name());
                    Pauses.pause(Duration.ofSeconds(1));
                    continue;
                }
                follower.assign(partitions);
                seekToStart(follower, partitions);
                Map<TopicPartition, Long> ends = follower.endOffsets(partitions);
                while (running) {
                    poll(follower, keys, values);
                    answerCatchUps(follower, partitions);
                    if (!caughtUp && partitions.stream().allMatch(p -> follower.position(p) >= ends.get(p))) {
                        caughtUp = true;
                        listener.caughtUp();
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("{}: following failed, going on from where it was in 1 s: {}", topic.name(), e.toString());
                Pauses.pause(Duration.ofSeconds(1));
            }
        }
    }

    private void answerCatchUps(KafkaConsumer<byte[], byte[]> follower, List<TopicPartition> partitions) {
        for (CatchUp asked = catchUps.poll(); asked != null; asked = catchUps.poll()) {
            pendingCatchUps.add(asked);
        }
        for (var pending = pendingCatchUps.listIterator(); pending.hasNext(); ) {
            CatchUp catchUp = pending.next();
            if (catchUp.ends() == null) {
                // Where the topic ends now. Kept pending meanwhile: a failure here starts the consumer over, and
                // the catch-up is answered by the next one.
                catchUp = new CatchUp(follower.endOffsets(partitions), catchUp.reached());
                pending.set(catchUp);
            }
            if (!partitions.containsAll(catchUp.ends().keySet())) {
                catchUp.reached().completeExceptionally(new IllegalArgumentException("not a partition this follower reads: "
                        + catchUp.ends().keySet()));
                pending.remove();
                continue;
            }
            if (catchUp.ends().entrySet().stream().allMatch(end -> follower.position(end.getKey()) >= end.getValue())) {
                catchUp.reached().complete(null);
                pending.remove();
            }
        }
    }

    /** A wait for the follower to reach {@code ends} (null: the topic's ends when the follower first looks). */
    private record CatchUp(Map<TopicPartition, Long> ends, CompletableFuture<Void> reached) {
    }

    private void seekToStart(KafkaConsumer<byte[], byte[]> follower, List<TopicPartition> partitions) {
        List<TopicPartition> fresh = partitions.stream().filter(p -> !positions.containsKey(p)).toList();
        if (from == From.BEGINNING) {
            follower.seekToBeginning(fresh);
        } else {
            follower.seekToEnd(fresh);
        }
        partitions.stream().filter(positions::containsKey).forEach(p -> follower.seek(p, positions.get(p)));
    }

    private void poll(KafkaConsumer<byte[], byte[]> follower, Deserializer<String> keys, Deserializer<V> values) {
        for (ConsumerRecord<byte[], byte[]> record : follower.poll(Duration.ofMillis(500))) {
            try {
                listener.record(record.key() == null ? null : keys.deserialize(record.topic(), record.headers(), record.key()),
                        record.value() == null ? null : values.deserialize(record.topic(), record.headers(), record.value()));
            } catch (RuntimeException unprocessable) {
                // Acknowledged before the follower moves past it; if it cannot be written the consumer starts over here.
                deadLetterRouter().route(record, unprocessable);
                LOG.warn("{}: dead-lettered the record at {}-{}@{}: {}", topic.name(), record.topic(), record.partition(),
                        record.offset(), unprocessable.toString());
            }
            positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
    }

    private DeadLetterRouter deadLetterRouter() {
        if (deadLetters == null) {
            Map<String, Object> producerConfigs = new HashMap<>(configs);
            producerConfigs.keySet().removeIf(key -> ConsumerConfig.configNames().contains(key)
                    && !ProducerConfig.configNames().contains(key));
            producerConfigs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfigs.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfigs.put(ProducerConfig.CLIENT_ID_CONFIG, ServiceIdentity.name(configs) + "-dead-letters-" + topic.name());
            deadLetterProducer = new KafkaProducer<>(producerConfigs, new ByteArraySerializer(), new ByteArraySerializer());
            deadLetters = new DeadLetterRouter(deadLetterProducer, ServiceIdentity.name(configs), Clock.systemUTC());
        }
        return deadLetters;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (deadLetterProducer != null) {
            deadLetterProducer.close(Duration.ofSeconds(5));
        }
    }
}
