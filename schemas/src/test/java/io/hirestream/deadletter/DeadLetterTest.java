package io.hirestream.deadletter;

import io.hirestream.serde.UndeserializableRecordException;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aDeadLetterCarriesTheOriginalBytesAndHeadersAndSaysWhereItCameFromAndWhy() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> original = new ConsumerRecord<>("hiring.applications.applied.v1", 3, 1234L,
                NOW.toEpochMilli(), TimestampType.CREATE_TIME, 5, 4, "app-1".getBytes(), new byte[]{9, 9, 9, 9}, headers,
                Optional.empty());
        UndeserializableRecordException cause = new UndeserializableRecordException(
                UndeserializableRecordException.Reason.WRONG_MAGIC_BYTE, original.topic(), -1, "first byte is 0x09", null);

        ProducerRecord<byte[], byte[]> written = DeadLetter.of(original, new SerializationException("wrapped", cause), "screening", NOW)
                .toProducerRecord();
        DeadLetter read = DeadLetter.from(new ConsumerRecord<>(written.topic(), 0, 0L, written.key(), written.value()) {
            @Override
            public org.apache.kafka.common.header.Headers headers() {
                return written.headers();
            }
        }).orElseThrow();

        assertThat(written.topic()).isEqualTo(Topics.DEAD_LETTERS_TOPIC.name());
        assertThat(read.sourceTopic()).isEqualTo("hiring.applications.applied.v1");
        assertThat(read.sourcePartition()).isEqualTo(3);
        assertThat(read.sourceOffset()).isEqualTo(1234L);
        assertThat(read.error()).isEqualTo("WRONG_MAGIC_BYTE");
        assertThat(read.message()).isEqualTo("wrapped");
        assertThat(read.service()).isEqualTo("screening");
        assertThat(read.failedAt()).isEqualTo(NOW);
        assertThat(read.key()).isEqualTo("app-1".getBytes());
        assertThat(read.value()).containsExactly(9, 9, 9, 9);
        assertThat(read.originalHeaders().lastHeader("traceparent").value()).isEqualTo("00-abc-def-01".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFailureThatIsNotAPoisonRecordIsAProcessingFailure() {
        assertThat(DeadLetter.errorCode(new IllegalStateException("no requisition"))).isEqualTo(DeadLetter.PROCESSING_FAILED);
    }
}
