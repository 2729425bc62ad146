package io.hirestream.funnel.domain;

/**
 * What the funnel needs of one application event, whatever topic it came from.
 *
 * @param eventId       unique per event; a redelivery keeps it
 * @param applicationId the application
 * @param stage         which stage the event is
 * @param role          the requisition's role, carried by every event
 * @param location      the requisition's location, carried by every event
 * @param occurredAt    business time, epoch milliseconds
 * @param decision      the outcome at a deciding stage, else NONE
 * @param source        where the application came from, on an applied event; else null
 */
public record StageEvent(String eventId, String applicationId, Stage stage, String role, String location,
                         long occurredAt, Decision decision, String source) implements ApplicationEvent {

    /** An event that names no source (every stage but APPLIED). */
    public StageEvent(String eventId, String applicationId, Stage stage, String role, String location,
                      long occurredAt, Decision decision) {
        this(eventId, applicationId, stage, role, location, occurredAt, decision, null);
    }
}
