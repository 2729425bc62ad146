package io.hirestream.streams;

import io.hirestream.deadletter.DeadLetter;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Sends the source record of a failed processing step to the dead-letter topic, as its original
 * bytes, and lets processing go on. Like deserialization failures, the dead letter commits with
 * the input offset under exactly-once.
 *
 * <p>A failed punctuation has no source record: it is logged with its task and processor, and
 * runs again at its next interval, so scheduled work is retried rather than lost or fatal.
 */
public class DeadLetterProcessingHandler extends DeadLetteringHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        Optional<DeadLetter> letter = deadLetter(context, DeadLetter.errorCode(exception),
                String.valueOf(exception.getMessage()));
        if (letter.isEmpty()) {
            LOG.error("scheduled work failed in {}; it runs again at its next interval", where(context), exception);
            return Response.resume();
        }
        LOG.warn("dead-lettering after processing failed in {}: {}", where(context), exception.toString(), exception);
        return Response.resume(List.of(letter.get().toProducerRecord()));
    }
}
