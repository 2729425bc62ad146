package io.hirestream.funnel.topology;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Outcome;
import io.hirestream.funnel.domain.Decision;
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
 * needs, whichever stage the record is. The topic a record comes from says which Avro type it is.
 */
final class StageEvents {

    private StageEvents() {
    }

    static Serde<StageEvent> serde(Map<String, ?> clientConfigs) {
        Deserializer<ApplicationSubmitted> applied = Topics.APPLIED.valueSerde(clientConfigs).deserializer();
        Deserializer<ApplicationScreened> screened = Topics.SCREENED.valueSerde(clientConfigs).deserializer();
        Deserializer<InterviewCompleted> interviewed = Topics.INTERVIEWED.valueSerde(clientConfigs).deserializer();
        Deserializer<OfferExtended> offered = Topics.OFFERED.valueSerde(clientConfigs).deserializer();
        String appliedTopic = Topics.APPLIED.name();
        String screenedTopic = Topics.SCREENED.name();
        String interviewedTopic = Topics.INTERVIEWED.name();
        String offeredTopic = Topics.OFFERED.name();
        Deserializer<StageEvent> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (topic.equals(appliedTopic)) {
                ApplicationSubmitted e = applied.deserialize(topic, bytes);
                return new StageEvent(e.getEventId(), e.getApplicationId(), Stage.APPLIED, e.getRole(), e.getLocation(),
                        e.getOccurredAt().toEpochMilli(), Decision.NONE);
            }
            if (topic.equals(screenedTopic)) {
                ApplicationScreened e = screened.deserialize(topic, bytes);
                return new StageEvent(e.getEventId(), e.getApplicationId(), Stage.SCREENED, e.getRole(), e.getLocation(),
                        e.getOccurredAt().toEpochMilli(), decision(e.getOutcome()));
            }
            if (topic.equals(interviewedTopic)) {
                InterviewCompleted e = interviewed.deserialize(topic, bytes);
                return new StageEvent(e.getEventId(), e.getApplicationId(), Stage.INTERVIEWED, e.getRole(), e.getLocation(),
                        e.getOccurredAt().toEpochMilli(), decision(e.getOutcome()));
            }
            if (topic.equals(offeredTopic)) {
                OfferExtended e = offered.deserialize(topic, bytes);
                return new StageEvent(e.getEventId(), e.getApplicationId(), Stage.OFFERED, e.getRole(), e.getLocation(),
                        e.getOccurredAt().toEpochMilli(), Decision.NONE);
            }
            throw new SerializationException("the funnel reads no topic " + topic);
        };
        Serializer<StageEvent> serializer = (topic, event) -> {
            throw new UnsupportedOperationException("stage events are only read");
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static Decision decision(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> Decision.PASSED;
            case REJECTED -> Decision.REJECTED;
            default -> Decision.UNKNOWN;
        };
    }
}
