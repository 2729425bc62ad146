package io.hirestream.funnel;

import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Stage events for tests, with explicit business times counted from {@link #T0}. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    public static final String ROLE = "Machine Learning Engineer";
    public static final String LOCATION = "Remote, US";

    private Events() {
    }

    public static long hours(double hours) {
        return T0.plus(Duration.ofMinutes((long) (hours * 60))).toEpochMilli();
    }

    public static StageEvent applied(String application, long at) {
        return event(application, Stage.APPLIED, at, Decision.NONE, ROLE, LOCATION);
    }

    public static StageEvent screened(String application, long at, Decision decision) {
        return event(application, Stage.SCREENED, at, decision, ROLE, LOCATION);
    }

    public static StageEvent interviewed(String application, long at, Decision decision) {
        return event(application, Stage.INTERVIEWED, at, decision, ROLE, LOCATION);
    }

    public static StageEvent offered(String application, long at) {
        return event(application, Stage.OFFERED, at, Decision.NONE, ROLE, LOCATION);
    }

    public static StageEvent event(String application, Stage stage, long at, Decision decision, String role, String location) {
        return new StageEvent(UUID.randomUUID().toString(), application, stage, role, location, at, decision);
    }

    public static StageEvent in(StageEvent event, String role, String location) {
        return new StageEvent(event.eventId(), event.applicationId(), event.stage(), role, location, event.occurredAt(),
                event.decision());
    }
}
