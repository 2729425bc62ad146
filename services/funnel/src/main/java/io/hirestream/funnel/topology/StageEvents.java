package io.hirestream.funnel.topology;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferExtended;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * Reads any of the four stage topics into a {@link StageEvent}: the one value type the topology
 * needs, whichever stage the record is. The topic a record comes from says which Avro type it is,
 * and a {@link StageEventDecoder} per topic reads just the fields the funnel uses.
 */
final class StageEvents {

    private StageEvents() {
    }

    static Serde<StageEvent> serde(Map<String, ?> clientConfigs) {
        Map<String, StageEventDecoder> decoders = Map.of(
                Topics.APPLIED.name(), new StageEventDecoder(clientConfigs, Stage.APPLIED, ApplicationSubmitted.getClassSchema()),
                Topics.SCREENED.name(), new StageEventDecoder(clientConfigs, Stage.SCREENED, ApplicationScreened.getClassSchema()),
                Topics.INTERVIEWED.name(), new StageEventDecoder(clientConfigs, Stage.INTERVIEWED, InterviewCompleted.getClassSchema()),
                Topics.OFFERED.name(), new StageEventDecoder(clientConfigs, Stage.OFFERED, OfferExtended.getClassSchema()));
        Deserializer<StageEvent> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            StageEventDecoder decoder = decoders.get(topic);
            if (decoder == null) {
                throw new SerializationException("the funnel reads no topic " + topic);
            }
            return decoder.decode(topic, bytes);
        };
        Serializer<StageEvent> serializer = (topic, event) -> {
            throw new UnsupportedOperationException("stage events are only read");
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

}
