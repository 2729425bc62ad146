package io.hirestream.funnel.topology;

import io.hirestream.testkit.UnitTestRegistry;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.InterviewRound;
import io.hirestream.events.Outcome;
import io.hirestream.events.Recommendation;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.serde.UndeserializableRecordException;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageEventDecoderTest {

    private final Map<String, Object> configs = UnitTestRegistry.settings("decoder");
    private final Instant at = Instant.parse("2026-11-20T10:15:30.123Z");

    @Test
    void readsEachStageOfTheContractsSchemas() {
        var deserializer = StageEvents.serde(configs).deserializer();
        var offer = SampleEvents.offered("a1", "MLE", "Remote, US", at, new BigDecimal("201450.00"));
        var interview = new InterviewCompleted(UUID.randomUUID().toString(), "a2", "r1", "MLE", "Remote, US", at,
                Outcome.REJECTED, Recommendation.NO, List.of(new InterviewRound("TECHNICAL", "i-1", Recommendation.NO, at),
                new InterviewRound("SYSTEM_DESIGN", "i-2", Recommendation.YES, at)));

        StageEvent offered = (StageEvent) deserializer.deserialize(Topics.OFFERED.name(), write(Topics.OFFERED.name(), offer));
        StageEvent interviewed = (StageEvent) deserializer.deserialize(Topics.INTERVIEWED.name(), write(Topics.INTERVIEWED.name(), interview));

        assertThat(offered).isEqualTo(new StageEvent(offer.getEventId(), "a1", Stage.OFFERED, "MLE", "Remote, US",
                at.toEpochMilli(), Decision.NONE));
        assertThat(interviewed).isEqualTo(new StageEvent(interview.getEventId(), "a2", Stage.INTERVIEWED, "MLE", "Remote, US",
                at.toEpochMilli(), Decision.REJECTED));
    }

    @Test
    void aNewerWriterWithFieldsReorderedAndAddedReadsTheSame() {
        Schema outcome = SchemaBuilder.enumeration("Outcome").namespace("io.hirestream.events")
                .defaultSymbol("UNKNOWN").symbols("PASSED", "REJECTED", "ON_HOLD", "UNKNOWN");
        Schema v2 = SchemaBuilder.record("ApplicationScreened").namespace("io.hirestream.events").fields()
                .name("notes").type().array().items().map().values().stringType().noDefault()
                .requiredString("location")
                .name("score").type().unionOf().nullType().and().doubleType().endUnion().nullDefault()
                .requiredString("eventId")
                .name("outcome").type(outcome).noDefault()
                .requiredString("applicationId")
                .requiredString("requisitionId")
                .requiredString("role")
                .name("occurredAt").type().longType().noDefault()
                .name("reasons").type().array().items().stringType().noDefault()
                .requiredString("rulesVersion")
                .endRecord();
        GenericRecord record = new GenericData.Record(v2);
        record.put("notes", List.of(Map.of("by", "recruiter-1", "text", "strong"), Map.of()));
        record.put("location", "Berlin, DE");
        record.put("score", 0.93);
        record.put("eventId", "e-1");
        record.put("outcome", new GenericData.EnumSymbol(outcome, "ON_HOLD"));
        record.put("applicationId", "a3");
        record.put("requisitionId", "r1");
        record.put("role", "Data Engineer");
        record.put("occurredAt", at.toEpochMilli());
        record.put("reasons", List.of("X", "Y"));
        record.put("rulesVersion", "v2");

        StageEvent read = (StageEvent) StageEvents.serde(configs).deserializer().deserialize(Topics.SCREENED.name(),
                write(Topics.SCREENED.name() + ".v2-test", record));

        assertThat(read).isEqualTo(new StageEvent("e-1", "a3", Stage.SCREENED, "Data Engineer", "Berlin, DE",
                at.toEpochMilli(), Decision.UNKNOWN));
    }

    @Test
    void aWriterOfAnotherRecordOrWithoutANeededFieldIsUnresolvable() {
        Schema other = SchemaBuilder.record("ShoppingCart").namespace("com.example").fields().requiredString("cartId").endRecord();
        GenericRecord cart = new GenericData.Record(other);
        cart.put("cartId", "c-1");
        Schema lacking = SchemaBuilder.record("ApplicationSubmitted").namespace("io.hirestream.events").fields()
                .requiredString("eventId").requiredString("applicationId").endRecord();
        GenericRecord partial = new GenericData.Record(lacking);
        partial.put("eventId", "e");
        partial.put("applicationId", "a");
        var deserializer = StageEvents.serde(configs).deserializer();

        assertThatThrownBy(() -> deserializer.deserialize(Topics.APPLIED.name(), write("other-topic", cart)))
                .isInstanceOfSatisfying(UndeserializableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UndeserializableRecordException.Reason.UNRESOLVABLE_SCHEMA));
        assertThatThrownBy(() -> deserializer.deserialize(Topics.APPLIED.name(), write("lacking-topic", partial)))
                .isInstanceOfSatisfying(UndeserializableRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(UndeserializableRecordException.Reason.UNRESOLVABLE_SCHEMA));
    }

    @Test
    void truncatedBytesAreTruncated() {
        byte[] bytes = write(Topics.APPLIED.name(), SampleEvents.applied("a4", "MLE", "Remote, US", at));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 20);

        assertThatThrownBy(() -> StageEvents.serde(configs).deserializer().deserialize(Topics.APPLIED.name(), cut))
                .isInstanceOfSatisfying(UndeserializableRecordException.class,
                        e -> assertThat(e.reason()).isIn(UndeserializableRecordException.Reason.TRUNCATED,
                                UndeserializableRecordException.Reason.CORRUPT));
    }

    private byte[] write(String subjectTopic, Object record) {
        return new AvroSerializer<>(configs, false).serialize(subjectTopic, record);
    }
}
