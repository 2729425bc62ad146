package io.hirestream.intake.http;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a submitted application answers: the ids it created.
 *
 * @param applicationId the application; the key of its stage events
 * @param eventId       the applied event
 * @param candidateId   the candidate whose contact details were recorded (erase with DELETE /api/candidates/{id})
 */
@Serdeable
public record AcceptedJson(String applicationId, String eventId, String candidateId) {
}
