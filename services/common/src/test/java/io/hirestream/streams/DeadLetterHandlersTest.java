package io.hirestream.streams;

import io.hirestream.deadletter.DeadLetter;
import io.hirestream.serde.UndeserializableRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What each of the services' Kafka Streams exception handlers does with a failure, wherever it happens. */
class DeadLetterHandlersTest {

    private static final String TOPIC = "hiring.requisitions.v1";
    private static final byte[] KEY = "req-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "x".getBytes(StandardCharsets.UTF_8);

    private final MockProducer<byte[], byte[]> globalDeadLetters = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void aRecordAStreamTaskCannotReadIsDeadLetteredInTheTasksOwnTransaction() {
        var response = deserializationHandler().handleError(context(new TaskId(0, 3), TOPIC), record(), poison());

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(letter -> assertThat(header(letter.headers(), DeadLetter.ERROR)).isEqualTo("WRONG_MAGIC_BYTE"));
        assertThat(globalDeadLetters.history()).isEmpty();
    }

    @Test
    void aRecordTheGlobalThreadCannotReadIsDeadLetteredByTheHandlersOwnProducerBeforeItMovesOn() {
        // Kafka Streams runs global tables under task id -1_-1, and cannot send what a handler returns there.
        var response = deserializationHandler().handleError(context(new TaskId(-1, -1), TOPIC), record(), poison());

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(globalDeadLetters.history()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("hiring.deadletter.v1");
            assertThat(header(letter.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(TOPIC);
            assertThat(header(letter.headers(), DeadLetter.SERVICE)).isEqualTo("screening");
            assertThat(letter.value()).isEqualTo(VALUE);
        });
    }

    @Test
    void aFailedPunctuationIsLoggedAndRunsAgainLaterWithoutADeadLetter() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(Map.of(ServiceIdentity.SERVICE_NAME, "funnel"));

        var response = handler.handleError(context(new TaskId(0, 1), null), new Record<>("k", "v", 0L),
                new IllegalStateException("emit failed"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aFailedProcessingStepDeadLettersItsSourceRecord() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(Map.of(ServiceIdentity.SERVICE_NAME, "offer"));

        var response = handler.handleError(context(new TaskId(0, 1), TOPIC), new Record<>("k", "v", 0L),
                new IllegalStateException("no band"));

        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(header(letter.headers(), DeadLetter.ERROR)).isEqualTo(DeadLetter.PROCESSING_FAILED);
            assertThat(letter.key()).isEqualTo(KEY);
        });
    }

    @Test
    void anOutputTooLargeForTheBrokerDeadLettersItsInputAndABrokerTimeoutIsRetried() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(Map.of(ServiceIdentity.SERVICE_NAME, "offer"));
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("hiring.applications.offered.v1", KEY, new byte[10]);

        var tooLarge = handler.handleError(context(new TaskId(0, 1), TOPIC), output, new RecordTooLargeException("too large"));
        var timeout = handler.handleError(context(new TaskId(0, 1), TOPIC), output, new TimeoutException("slow"));

        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(tooLarge.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(header(letter.headers(), DeadLetter.ERROR)).isEqualTo(DeadLetter.OUTPUT_REJECTED);
            assertThat(letter.value()).isEqualTo(VALUE);
        });
        assertThat(timeout.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(timeout.deadLetterQueueRecords()).isEmpty();
    }

    private DeadLetterDeserializationHandler deserializationHandler() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(ServiceIdentity.SERVICE_NAME, "screening",
                DeadLetterDeserializationHandler.GLOBAL_DEAD_LETTER_PRODUCER, globalDeadLetters));
        return handler;
    }

    private static ConsumerRecord<byte[], byte[]> record() {
        return new ConsumerRecord<>(TOPIC, 0, 7L, KEY, VALUE);
    }

    private static UndeserializableRecordException poison() {
        return new UndeserializableRecordException(UndeserializableRecordException.Reason.WRONG_MAGIC_BYTE, TOPIC, -1,
                "first byte is 0x78", null);
    }

    private static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Where a handler is told the failure happened: a task, and a source record unless topic is null. */
    private static ErrorHandlerContext context(TaskId task, String topic) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return topic == null ? -1 : 0;
            }

            @Override
            public long offset() {
                return topic == null ? -1 : 7L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "node";
            }

            @Override
            public TaskId taskId() {
                return task;
            }

            @Override
            public long timestamp() {
                return 0L;
            }

            @Override
            public byte[] sourceRawKey() {
                return topic == null ? null : KEY;
            }

            @Override
            public byte[] sourceRawValue() {
                return topic == null ? null : VALUE;
            }
        };
    }
}
