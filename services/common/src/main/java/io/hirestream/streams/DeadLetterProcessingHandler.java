package io.hirestream.streams;

import io.hirestream.deadletter.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the source record of a failed processing step to the dead-letter topic, as its original
 * bytes, and lets processing go on. Like deserialization failures, the dead letter commits with
 * the input offset under exactly-once.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String service = "unknown";
    private final Clock clock = Clock.systemUTC();

    @Override
    public void configure(Map<String, ?> configs) {
        service = ServiceIdentity.name(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>(context.topic(), context.partition(), context.offset(),
                context.timestamp(), TimestampType.CREATE_TIME, -1, -1, context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), Optional.empty());
        DeadLetter letter = DeadLetter.of(source, exception, service, clock.instant());
        LOG.warn("dead-lettering {}-{}@{} after processor {} failed: {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception.toString(), exception);
        return Response.resume(List.of(letter.toProducerRecord()));
    }
}
