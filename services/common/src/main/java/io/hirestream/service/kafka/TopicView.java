package io.hirestream.service.kafka;

import io.hirestream.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import io.hirestream.service.Pauses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest value per key of a compacted topic, kept in memory and followed as it changes:
 * read from the beginning of every partition (no consumer group, nothing committed), tombstones
 * remove keys. {@link #caughtUp()} says whether it has read up to where the topic ended when it
 * started. A record that cannot be read is skipped with a warning; it changes no key.
 */
public final class TopicView<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicView.class);

    private final Topic<String, V> topic;
    private final Map<String, Object> configs;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, V> consumer;

    public TopicView(Topic<String, V> topic, Map<String, ?> clientConfigs) {
        this.topic = topic;
        this.configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.thread = new Thread(this::follow, "view-" + topic.name());
        thread.setDaemon(true);
    }

    public TopicView<V> start() {
        thread.start();
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

    /** True while the thread that follows the topic runs. */
    public boolean running() {
        return thread.isAlive();
    }

    private void follow() {
        while (running) {
            Deserializer<V> values = topic.valueSerde(configs).deserializer();
            try (KafkaConsumer<String, V> follower = new KafkaConsumer<>(configs, topic.keySerde().deserializer(), values)) {
                consumer = follower;
                List<TopicPartition> partitions = follower.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                follower.assign(partitions);
                follower.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = follower.endOffsets(partitions);
                while (running) {
                    poll(follower);
                    if (!caughtUp && partitions.stream().allMatch(p -> follower.position(p) >= ends.get(p))) {
                        caughtUp = true;
                        LOG.info("{}: read {} keys, following changes", topic.name(), this.values.size());
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("{}: following failed, starting over in 1 s: {}", topic.name(), e.toString());
                Pauses.pause(Duration.ofSeconds(1));
            }
        }
    }

    private void poll(KafkaConsumer<String, V> follower) {
        try {
            for (ConsumerRecord<String, V> record : follower.poll(Duration.ofMillis(500))) {
                put(record.key(), record.value());
            }
        } catch (RecordDeserializationException poison) {
            LOG.warn("{}: skipping a record that cannot be read at {}@{}: {}", topic.name(), poison.topicPartition(),
                    poison.offset(), poison.getMessage());
            follower.seek(poison.topicPartition(), poison.offset() + 1);
        }
    }


    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
