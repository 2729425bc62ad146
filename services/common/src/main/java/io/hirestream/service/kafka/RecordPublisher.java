package io.hirestream.service.kafka;

import io.hirestream.service.http.ProblemException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes one record at a time for an HTTP request (a recruiter's decision, an interviewer's
 * feedback) and returns only once the broker has acknowledged it (acks=all, idempotent), or
 * answers 503 within a bounded time. The services that consume these records take the first
 * of any duplicates, so a retried request does no harm.
 */
public final class RecordPublisher implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;
    private final Duration timeout;

    public RecordPublisher(Map<String, ?> clientConfigs, Serializer<Object> values, Duration timeout) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(timeout.toMillis(), 5_001)));
        configs.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(configs, new StringSerializer(), values);
        this.timeout = timeout;
    }

    /** Writes the record; 503 (as a problem) where the broker does not acknowledge it in time. */
    public void publish(String topic, String key, Object value, String what) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw ProblemException.unavailable("Kafka did not accept " + what + " (" + cause.getMessage()
                    + "). Retry in a moment.");
        } catch (TimeoutException e) {
            throw ProblemException.unavailable("Kafka did not acknowledge " + what + " within " + timeout.toSeconds()
                    + " s. Retrying is safe: it is taken once.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while writing " + what);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
