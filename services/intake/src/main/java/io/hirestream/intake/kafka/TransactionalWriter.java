package io.hirestream.intake.kafka;

import io.hirestream.service.Pauses;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes groups of records atomically: each {@link #write} is all-or-nothing, and its future
 * completes only once the broker has acknowledged and the transaction committed. Concurrent
 * writes share a transaction (group commit), so a burst of requests costs a few transactions,
 * not one each.
 *
 * <p>Every write ends one of three ways, and says which: committed (the future completes);
 * surely not written (it fails with any exception but {@link OutcomeUnknownException}: nothing of
 * it is or ever will be visible); or unknown (it fails with {@link OutcomeUnknownException}: the
 * commit was asked for, and the broker's answer was lost). A write still waiting for its
 * transaction can be {@link Write#withdraw() withdrawn}, after which it is surely not written.
 *
 * <p>A commit that times out is asked for again, as Kafka's producer allows, until the broker
 * answers (a paused or restarting broker); it is never aborted, which could not be known to have
 * worked. A fenced or broken producer is replaced; the thread survives any failure.
 */
public final class TransactionalWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWriter.class);
    private static final int MAX_GROUP = 500;
    private static final int QUEUED = 0;
    private static final int CLAIMED = 1;
    private static final int WITHDRAWN = 2;

    private final Map<String, Object> configs;
    private final Serializer<Object> values;
    private final BlockingQueue<Write> queue = new ArrayBlockingQueue<>(10_000);
    private final Thread thread;
    private volatile KafkaProducer<String, Object> producer;
    private volatile boolean running = true;
    private volatile boolean ready;
    private final AtomicInteger generation = new AtomicInteger();

    /** The commit was asked for and its answer lost: the records may or may not be visible. */
    public static final class OutcomeUnknownException extends KafkaException {

        private final int generation;

        OutcomeUnknownException(String message, Throwable cause, int generation) {
            super(message, cause);
            this.generation = generation;
        }

        /** The {@link TransactionalWriter#generation()} of the producer that asked for the commit: settled once the writer has moved past it. */
        public int generation() {
            return generation;
        }
    }

    /** One write: its outcome, and while it waits for a transaction, a way to withdraw it. */
    public static final class Write {

        private final List<ProducerRecord<String, Object>> records;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        /** What the producer answered for each record sent; set before {@link #done} completes. */
        private volatile List<Future<RecordMetadata>> sends = List.of();

        private Write(List<ProducerRecord<String, Object>> records) {
            this.records = records;
        }

        /**
         * Where the broker acknowledged the write's record at {@code index} (its partition and offset),
         * if it did. Kafka's producer asks for a commit only once every record of the transaction is
         * acknowledged: a write with a record that never was cannot have been committed. Meaningful once
         * {@link #done} has completed.
         */
        public Optional<RecordMetadata> acknowledged(int index) {
            Future<RecordMetadata> send = index < sends.size() ? sends.get(index) : null;
            return send != null && send.state() == Future.State.SUCCESS ? Optional.of(send.resultNow()) : Optional.empty();
        }

        /** Completes once committed; fails once surely not written, or with {@link OutcomeUnknownException}. */
        public CompletableFuture<Void> done() {
            return done;
        }

        /** Withdraws the write unless a transaction has taken it: true where it now surely will not be written. */
        public boolean withdraw() {
            if (state.compareAndSet(QUEUED, WITHDRAWN)) {
                done.completeExceptionally(new KafkaException("withdrawn before it was written"));
                return true;
            }
            return state.get() == WITHDRAWN;
        }

        private boolean claim() {
            return state.compareAndSet(QUEUED, CLAIMED);
        }
    }

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

    /**
     * How many producers have joined the transactions so far. Once it has moved on from a write
     * whose outcome was unknown, that write's transaction is settled, committed or aborted (a new
     * producer's start completes whatever its predecessor left), and a read-committed reader
     * that reads up to the topics' ends from then on sees it if it was committed.
     */
    public int generation() {
        return generation.get();
    }

    /** Writes the records in one transaction with whatever else is waiting. */
    public Write write(List<ProducerRecord<String, Object>> records) {
        Write write = new Write(List.copyOf(records));
        if (!running || !queue.offer(write)) {
            write.withdraw();
        }
        return write;
    }

    private void run() {
        while (running) {
            try {
                if (producer == null) {
                    producer = newProducer();
                }
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Write> drained = new ArrayList<>();
                drained.add(first);
                queue.drainTo(drained, MAX_GROUP - 1);
                List<Write> group = drained.stream().filter(Write::claim).toList();
                if (!group.isEmpty()) {
                    commit(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("cannot start a transactional producer yet: {}", e.toString());
                replaceProducer();
                Pauses.pause(Duration.ofSeconds(1));
            }
        }
    }

    private void commit(List<Write> group) {
        try {
            producer.beginTransaction();
            for (Write write : group) {
                List<Future<RecordMetadata>> sends = new ArrayList<>(write.records.size());
                for (ProducerRecord<String, Object> record : write.records) {
                    sends.add(producer.send(record));
                }
                write.sends = sends;
            }
        } catch (RuntimeException e) {
            notWritten(group, e);
            return;
        }
        boolean asked = false;
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                producer.commitTransaction();
                group.forEach(write -> write.done.complete(null));
                return;
            } catch (TimeoutException e) {
                // The broker may have the request: only a further commit can tell. Kafka allows it after a timeout.
                asked = true;
                if (!running) {
                    unknown(group, e);
                    return;
                }
                LOG.warn("committing a transaction of {} write(s) timed out; asking again: {}", group.size(), e.toString());
                Pauses.pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                if (asked) {
                    unknown(group, e);
                } else {
                    notWritten(group, e);
                }
                return;
            }
        }
    }

    /** The commit was never asked for: abort, or replace the producer, whose start aborts what it left open. */
    private void notWritten(List<Write> group, RuntimeException cause) {
        LOG.warn("a transaction of {} write(s) failed, none is visible: {}", group.size(), cause.toString());
        try {
            producer.abortTransaction();
        } catch (RuntimeException abortFailed) {
            replaceProducer();
        }
        group.forEach(write -> write.done.completeExceptionally(cause));
    }

    private void unknown(List<Write> group, RuntimeException cause) {
        LOG.error("the commit of a transaction of {} write(s) was asked for and its answer lost: it may or may not be"
                + " visible; replacing the producer", group.size(), cause);
        int failed = generation.get();
        replaceProducer();
        OutcomeUnknownException unknown = new OutcomeUnknownException("the commit was asked for and its answer lost", cause, failed);
        group.forEach(write -> write.done.completeExceptionally(unknown));
    }

    private KafkaProducer<String, Object> newProducer() {
        ready = false;
        KafkaProducer<String, Object> created = new KafkaProducer<>(configs, new StringSerializer(), values);
        try {
            created.initTransactions();
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        ready = true;
        generation.incrementAndGet();
        LOG.info("transactional producer {} ready", configs.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        return created;
    }

    private void replaceProducer() {
        ready = false;
        KafkaProducer<String, Object> broken = producer;
        producer = null;
        if (broken != null) {
            try {
                broken.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("closing a broken producer: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Write> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(Write::withdraw);
        KafkaProducer<String, Object> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(10));
        }
    }
}
