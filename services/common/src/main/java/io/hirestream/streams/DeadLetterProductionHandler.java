package io.hirestream.streams;

import io.hirestream.deadletter.DeadLetter;
import io.hirestream.registry.SchemaRegistryException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a stream task does with an output it cannot write. An output that cannot be serialized, or
 * that is larger than the broker takes, will fail the same way every time: the input that led to
 * it goes to the dead-letter topic with the reason, and processing goes on (the dead letter commits
 * with the input offset under exactly-once). A broker that is slow or briefly away is retried; a
 * schema registry that cannot be reached is not the record's fault and fails the task, which the
 * uncaught exception handler replaces.
 */
public class DeadLetterProductionHandler extends DeadLetteringHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        if (exception instanceof SchemaRegistryException registry && registry.isTransient()) {
            LOG.error("cannot serialize an output to {} in {}: the schema registry is unavailable; failing the task to retry",
                    record.topic(), where(context), exception);
            return Response.fail();
        }
        return rejectOutput(context, "cannot serialize the " + origin.name().toLowerCase() + " of an output to "
                + record.topic(), exception);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            LOG.warn("writing to {} failed in {}, retrying from the last commit: {}", record.topic(),
                    where(context), exception.toString());
            return Response.retry();
        }
        if (exception instanceof RecordTooLargeException) {
            return rejectOutput(context, "an output to " + record.topic() + " is larger than the broker takes", exception);
        }
        LOG.error("writing to {} failed in {}", record.topic(), where(context), exception);
        return Response.fail();
    }

    private Response rejectOutput(ErrorHandlerContext context, String what, Exception exception) {
        Optional<DeadLetter> letter = deadLetter(context, DeadLetter.OUTPUT_REJECTED, what + ": " + exception.getMessage());
        LOG.warn("{} in {}: {}; {}", what, where(context), exception.toString(),
                letter.isPresent() ? "dead-lettering its input" : "dropping it", exception);
        return letter.map(l -> Response.resume(List.of(l.toProducerRecord()))).orElseGet(Response::resume);
    }

}
