package io.hirestream.service.http;

/**
 * A typed request body: a record that {@link StrictJsonBodyReader} reads from JSON exactly as
 * declared (no unknown, repeated or mistyped field, nothing after the object) and Bean
 * Validation then checks. Implement it on every record a route takes as its {@code @Body}.
 */
public interface JsonRequest {
}
