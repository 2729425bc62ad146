package io.hirestream.contract;

import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.OfferExtended;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.serde.AvroDeserializer;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.SampleEvents;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithKafkaStack
class AvroSerdeIT {

    @Test
    void writesTheConfluentWireFormatWithTheIdTheRegistryGaveTheSubject(KafkaStack stack) {
        OfferExtended offer = SampleEvents.offered("application-1", SampleEvents.SEED_ROLE, SampleEvents.SEED_LOCATION,
                Instant.parse("2026-11-20T10:15:30.123Z"), new BigDecimal("201450.00"));
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        int registeredId = registry.lookup(Topics.OFFERED.valueSubject(), OfferExtended.getClassSchema()).orElseThrow();

        byte[] bytes = new AvroSerializer<OfferExtended>(stack.clientConfigs(), false).serialize(Topics.OFFERED.name(), offer);
        OfferExtended read = new AvroDeserializer<>(OfferExtended.class, stack.clientConfigs()).deserialize(Topics.OFFERED.name(), bytes);

        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
        assertThat(read).isEqualTo(offer);
        assertThat(read.getBaseSalary()).isEqualByComparingTo("201450.00");
        assertThat(read.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z"));
    }

    @Test
    void aSchemaThatIsNotRegisteredIsRefusedWithTheSubjectAndRegistryNamedUnlessAutoRegistrationIsOn(KafkaStack stack) {
        String topic = TestTopics.create(stack, "test.unregistered", 1, null);
        ApplicationSubmitted event = SampleEvents.applied("application-2", "Data Engineer", "Berlin", Instant.now());

        assertThatThrownBy(() -> new AvroSerializer<ApplicationSubmitted>(stack.clientConfigs(), false).serialize(topic, event))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(topic + "-value")
                .hasMessageContaining(stack.registryUrl())
                .hasMessageContaining("auto.register.schemas");

        Map<String, Object> development = new java.util.HashMap<>(stack.clientConfigs());
        development.put(AvroSerializer.AUTO_REGISTER_SCHEMAS, "true");
        byte[] bytes = new AvroSerializer<ApplicationSubmitted>(development, false).serialize(topic, event);

        assertThat(new AvroDeserializer<>(ApplicationSubmitted.class, stack.clientConfigs()).deserialize(topic, bytes))
                .isEqualTo(event);
    }

    @Test
    void aNewerWritersRecordIsReadByAnOlderReaderAndAnOlderWritersByANewerReader(KafkaStack stack) {
        Schema v1 = ApplicationSubmitted.getClassSchema();
        Schema v2 = withOptionalReferrer(v1);
        String topic = TestTopics.create(stack, "test.evolution", 1, v1);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.of(stack.registryUrl()));
        registry.setCompatibility(topic + "-value", "BACKWARD");
        registry.register(topic + "-value", v2);

        ApplicationSubmitted v1Event = SampleEvents.applied("application-3", "Data Engineer", "Berlin", Instant.now());
        GenericRecord v2Event = new GenericData.Record(v2);
        for (Schema.Field field : v1.getFields()) {
            Object value = v1Event.get(field.name());
            v2Event.put(field.name(), value instanceof Instant instant ? instant.toEpochMilli()
                    : value instanceof Enum<?> symbol ? new GenericData.EnumSymbol(field.schema(), symbol.name()) : value);
        }
        v2Event.put("referrerId", "employee-42");

        byte[] fromV2 = new AvroSerializer<GenericRecord>(stack.clientConfigs(), false).serialize(topic, v2Event);
        byte[] fromV1 = new AvroSerializer<ApplicationSubmitted>(stack.clientConfigs(), false).serialize(topic, v1Event);

        ApplicationSubmitted readByV1 = new AvroDeserializer<>(ApplicationSubmitted.class, stack.clientConfigs()).deserialize(topic, fromV2);
        GenericRecord readByV2 = new AvroDeserializer<GenericRecord>(v2, stack.clientConfigs()).deserialize(topic, fromV1);

        assertThat(ByteBuffer.wrap(fromV2, 1, 4).getInt()).isNotEqualTo(ByteBuffer.wrap(fromV1, 1, 4).getInt());
        assertThat(readByV1.getApplicationId()).isEqualTo("application-3");
        assertThat(readByV1.getHighestDegree()).isEqualTo(v1Event.getHighestDegree());
        assertThat(readByV2.get("applicationId").toString()).isEqualTo("application-3");
        assertThat(readByV2.get("referrerId")).isNull();
    }

    private static Schema withOptionalReferrer(Schema v1) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(v1.getName()).namespace(v1.getNamespace())
                .doc(v1.getDoc()).fields();
        for (Schema.Field field : v1.getFields()) {
            fields = fields.name(field.name()).doc(field.doc()).type(field.schema()).noDefault();
        }
        return fields.name("referrerId").doc("Who referred the candidate, if anyone.").type().optional().stringType().endRecord();
    }
}
