package io.hirestream.streams;

import io.hirestream.deadletter.DeadLetter;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** What the services' Kafka Streams exception handlers share: the service they sign for, and dead letters from a handler's context. */
abstract class DeadLetteringHandler implements Configurable {

    private String service = "unknown";
    private final Clock clock = Clock.systemUTC();

    @Override
    public void configure(Map<String, ?> configs) {
        service = ServiceIdentity.name(configs);
    }

    protected String service() {
        return service;
    }

    protected Clock clock() {
        return clock;
    }

    /**
     * The dead letter of the source record in the handler's context, as its original bytes; empty
     * where there is none, as in a punctuation, which is not driven by any record.
     */
    protected Optional<DeadLetter> deadLetter(ErrorHandlerContext context, String error, String message) {
        if (context.topic() == null) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetter(context.topic(), context.partition(), context.offset(), error, message, service,
                clock.instant(), context.sourceRawKey(), context.sourceRawValue(), context.headers()));
    }

    /** Where the failure happened, for a log line: the task, the processor and, if any, the record. */
    protected static String where(ErrorHandlerContext context) {
        String task = "task " + context.taskId() + ", processor " + context.processorNodeId();
        return context.topic() == null ? task + " (a punctuation)"
                : task + ", record " + context.topic() + "-" + context.partition() + "@" + context.offset();
    }
}
