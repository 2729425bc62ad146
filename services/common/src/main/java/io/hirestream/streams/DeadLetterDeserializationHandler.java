package io.hirestream.streams;

import io.hirestream.deadletter.DeadLetter;
import io.hirestream.registry.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Sends a record that cannot be deserialized to the dead-letter topic, with its origin and
 * reason, and lets processing go on. The dead letter is written by the task's own producer, so
 * under exactly-once it commits together with the input offset: never lost, never twice.
 *
 * <p>A registry that cannot be reached is not the record's fault: then the task fails, and the
 * uncaught exception handler replaces the thread, which reads the record again later.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String service = "unknown";
    private Clock clock = Clock.systemUTC();

    @Override
    public void configure(Map<String, ?> configs) {
        service = ServiceIdentity.name(configs);
    }

    /** For tests: a clock to stamp dead letters with. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof SchemaRegistryException registry && registry.isTransient()) {
            LOG.error("cannot read {}-{}@{}: the schema registry is unavailable; failing the task to retry later",
                    record.topic(), record.partition(), record.offset(), exception);
            return Response.fail();
        }
        DeadLetter letter = DeadLetter.of(record, exception, service, clock.instant());
        LOG.warn("dead-lettering {}-{}@{}: {} ({})", record.topic(), record.partition(), record.offset(),
                letter.error(), exception.getMessage());
        return Response.resume(List.of(letter.toProducerRecord()));
    }
}
