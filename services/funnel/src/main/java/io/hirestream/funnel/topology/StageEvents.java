package io.hirestream.funnel.topology;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.SelfIdentification;
import io.hirestream.funnel.domain.ApplicationEvent;
import io.hirestream.funnel.domain.Declaration;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * Reads any topic the funnel counts from into an {@link ApplicationEvent}: the one value type the
 * topology needs. The topic a record comes from says which Avro type it is. A {@link
 * StageEventDecoder} per stage topic reads just the fields the funnel uses; a candidate's
 * self-identification (a few per application, against four stage events) is read whole, and its
 * tombstone, an erasure, reads as {@link Declaration#NONE}.
 */
final class StageEvents {

    private StageEvents() {
    }

    static Serde<ApplicationEvent> serde(Map<String, ?> clientConfigs) {
        Map<String, StageEventDecoder> decoders = Map.of(
                Topics.APPLIED.name(), new StageEventDecoder(clientConfigs, Stage.APPLIED, ApplicationSubmitted.getClassSchema()),
                Topics.SCREENED.name(), new StageEventDecoder(clientConfigs, Stage.SCREENED, ApplicationScreened.getClassSchema()),
                Topics.INTERVIEWED.name(), new StageEventDecoder(clientConfigs, Stage.INTERVIEWED, InterviewCompleted.getClassSchema()),
                Topics.OFFERED.name(), new StageEventDecoder(clientConfigs, Stage.OFFERED, OfferExtended.getClassSchema()));
        Deserializer<SelfIdentification> declarations = Topics.SELF_IDENTIFICATIONS.valueSerde(clientConfigs).deserializer();
        Deserializer<ApplicationEvent> deserializer = (topic, bytes) -> {
            if (topic.equals(Topics.SELF_IDENTIFICATIONS.name())) {
                return bytes == null ? Declaration.NONE : declaration(declarations.deserialize(topic, bytes));
            }
            if (bytes == null) {
                return null;
            }
            StageEventDecoder decoder = decoders.get(topic);
            if (decoder == null) {
                throw new SerializationException("the funnel reads no topic " + topic);
            }
            return decoder.decode(topic, bytes);
        };
        Serializer<ApplicationEvent> serializer = (topic, event) -> {
            throw new UnsupportedOperationException("application events are only read");
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static Declaration declaration(SelfIdentification declared) {
        return new Declaration(declared.getSex().name(), declared.getRaceEthnicity().name(), declared.getVeteran().name(),
                declared.getDisability().name());
    }
}
