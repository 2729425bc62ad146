package io.hirestream.streams;

import io.hirestream.deadletter.DeadLetter;
import io.hirestream.registry.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends a record that cannot be deserialized to the dead-letter topic, with its origin and
 * reason, and lets processing go on. In a stream task the dead letter is written by the task's
 * own producer, so under exactly-once it commits together with the input offset: never lost,
 * never twice.
 *
 * <p>A global table (the requisitions every task may look up) is read by the global thread,
 * which has no producer and cannot send what a handler returns. There the dead letter is written
 * by a producer of this handler's own, and the thread moves on only once the broker has
 * acknowledged it: never lost; at least once, since the global thread's position is a local
 * checkpoint. The record is then skipped: the table keeps the key's previous value.
 *
 * <p>A registry that cannot be reached is not the record's fault: the serde waits for it
 * (see {@code SchemaRegistryClient}); should it still fail, the task fails and is retried.
 */
public class DeadLetterDeserializationHandler extends DeadLetteringHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private static final long SEND_TIMEOUT_SECONDS = 60;

    /**
     * For topology tests, whose driver reaches no broker: a {@code Producer<byte[], byte[]>} instance
     * (not a class name) that takes the global thread's dead letters instead of one of the handler's own.
     */
    public static final String GLOBAL_DEAD_LETTER_PRODUCER = "hirestream.deadletter.global.producer";

    private Function<String, Producer<byte[], byte[]>> producers = this::producer;
    private Map<String, Object> producerConfigs = Map.of();
    private Producer<byte[], byte[]> globalProducer;

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        if (configs.get(GLOBAL_DEAD_LETTER_PRODUCER) instanceof Producer<?, ?> given) {
            producers = clientId -> (Producer<byte[], byte[]>) given;
        }
        if (configs.containsKey(StreamsConfig.APPLICATION_ID_CONFIG)) {
            producerConfigs = new StreamsConfig(configs).getProducerConfigs(service() + "-global-dead-letters");
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof SchemaRegistryException registry && registry.isTransient()) {
            LOG.error("cannot read {}-{}@{}: the schema registry is unavailable; failing the task to retry later",
                    record.topic(), record.partition(), record.offset(), exception);
            return Response.fail();
        }
        DeadLetter letter = DeadLetter.of(record, exception, service(), clock().instant());
        LOG.warn("dead-lettering {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                letter.error(), exception.getMessage());
        if (isGlobal(context)) {
            sendFromGlobalThread(letter);
            return Response.resume();
        }
        return Response.resume(List.of(letter.toProducerRecord()));
    }

    /**
     * Kafka Streams runs global tables under a task id whose subtopology is negative; only stream
     * tasks can send what a handler returns. DeadLetterDeserializationHandlerTest pins this.
     */
    private static boolean isGlobal(ErrorHandlerContext context) {
        return context.taskId() == null || context.taskId().subtopology() < 0;
    }

    private synchronized void sendFromGlobalThread(DeadLetter letter) {
        if (globalProducer == null) {
            globalProducer = producers.apply(service());
        }
        try {
            globalProducer.send(letter.toProducerRecord()).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Failing keeps the record: the global thread stops, and the service reports DOWN until restarted.
            throw new KafkaException("cannot write the dead letter of " + letter.sourceTopic() + "-"
                    + letter.sourcePartition() + "@" + letter.sourceOffset() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing a dead letter", e);
        }
    }

    private Producer<byte[], byte[]> producer(String clientIdPrefix) {
        Map<String, Object> configs = new HashMap<>(producerConfigs);
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        configs.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
