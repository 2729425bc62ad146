package io.hirestream.funnel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Stage;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One application as the funnel counts it: the event that stands for each stage it reached.
 *
 * @param applicationId the application
 * @param role          the row it counts in
 * @param location      the row it counts in
 * @param furthestStage the highest stage with an event
 * @param stages        per stage reached: the standing event's id, time and outcome
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApplicationJson(String applicationId, String role, String location, String furthestStage,
                              Map<String, StageJson> stages) {

    public static ApplicationJson of(String applicationId, ApplicationState state) {
        Map<String, StageJson> stages = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            ApplicationState.StageRecord record = state.at(stage);
            if (record != null) {
                stages.put(stage.name(), new StageJson(record.eventId(), Instant.ofEpochMilli(record.occurredAt()),
                        record.decision() == Decision.NONE ? null : record.decision().name()));
            }
        }
        return new ApplicationJson(applicationId, state.row().role(), state.row().location(), state.furthest().name(), stages);
    }

    /**
     * @param eventId    the standing event
     * @param occurredAt its business time
     * @param outcome    PASSED, REJECTED or UNKNOWN at a deciding stage; null elsewhere
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StageJson(String eventId, Instant occurredAt, String outcome) {
    }
}
