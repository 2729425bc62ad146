package io.hirestream.service.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.hirestream.service.Pauses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes groups of records atomically: each {@link #write} is all-or-nothing, and its future
 * completes only once the broker has acknowledged and the transaction committed. Concurrent
 * writes share a transaction (group commit), so a burst of requests costs a few transactions,
 * not one each; a failed transaction fails every write in it, and none of them is visible.
 *
 * <p>Timeouts are bounded, so a broker that is down fails writes within seconds instead of
 * blocking them. A fenced or broken producer is replaced.
 */
public final class TransactionalWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWriter.class);
    private static final int MAX_GROUP = 500;

    private final Map<String, Object> configs;
    private final Serializer<Object> values;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(10_000);
    private final Thread thread;
    private volatile KafkaProducer<String, Object> producer;
    private volatile boolean running = true;
    private volatile boolean ready;

    /**
     * @param clientConfigs   bootstrap servers and registry settings
     * @param transactionalId unique per instance and stable across its restarts, so that a
     *                        restarted instance aborts what its predecessor left open
     * @param values          the value serializer (Avro)
     */
    public TransactionalWriter(Map<String, ?> clientConfigs, String transactionalId, Serializer<Object> values) {
        this.configs = new HashMap<>(clientConfigs);
        configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        configs.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "30000");
        configs.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        this.values = values;
        this.thread = new Thread(this::run, "transactional-writer");
        thread.setDaemon(true);
    }

    public TransactionalWriter start() {
        thread.start();
        return this;
    }

    /** True once the producer has joined its transactions, and while it can write. */
    public boolean ready() {
        return ready && thread.isAlive();
    }

    /** Writes the records in one transaction with whatever else is waiting; completes once committed. */
    public CompletableFuture<Void> write(List<ProducerRecord<String, Object>> records) {
        Pending pending = new Pending(List.copyOf(records), new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            pending.done().completeExceptionally(new KafkaException("the writer is " + (running ? "overloaded" : "stopped")));
        }
        return pending.done();
    }

    private void run() {
        while (running) {
            try {
                if (producer == null) {
                    producer = newProducer();
                }
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> group = new ArrayList<>();
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (KafkaException e) {
                LOG.warn("cannot start a transactional producer yet: {}", e.toString());
                replaceProducer();
                Pauses.pause(Duration.ofSeconds(1));
            }
        }
    }

    private void commit(List<Pending> group) {
        try {
            producer.beginTransaction();
            for (Pending pending : group) {
                for (ProducerRecord<String, Object> record : pending.records()) {
                    producer.send(record);
                }
            }
            producer.commitTransaction();
            group.forEach(pending -> pending.done().complete(null));
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
            fail(group, e);
            replaceProducer();
        } catch (KafkaException e) {
            fail(group, e);
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                replaceProducer();
            }
        }
    }

    private KafkaProducer<String, Object> newProducer() {
        ready = false;
        KafkaProducer<String, Object> created = new KafkaProducer<>(configs, new StringSerializer(), values);
        try {
            created.initTransactions();
        } catch (KafkaException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        ready = true;
        LOG.info("transactional producer {} ready", configs.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        return created;
    }

    private void replaceProducer() {
        ready = false;
        KafkaProducer<String, Object> broken = producer;
        producer = null;
        if (broken != null) {
            broken.close(Duration.ofSeconds(1));
        }
    }

    private static void fail(List<Pending> group, KafkaException cause) {
        LOG.warn("a transaction of {} write(s) failed, none is visible: {}", group.size(), cause.toString());
        group.forEach(pending -> pending.done().completeExceptionally(cause));
    }


    @Override
    public void close() {
        running = false;
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(pending -> pending.done().completeExceptionally(new KafkaException("the writer stopped")));
        KafkaProducer<String, Object> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(10));
        }
    }

    private record Pending(List<ProducerRecord<String, Object>> records, CompletableFuture<Void> done) {
    }
}
