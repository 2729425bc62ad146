package io.hirestream.service.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem detail: every error a service answers is one of these, as
 * {@code application/problem+json}, with a detail a person can act on.
 *
 * @param type   a URI naming the kind of problem ({@code about:blank} where the status says it all)
 * @param title  short, the same for every occurrence of the kind
 * @param status the HTTP status
 * @param detail what went wrong this time, and what to do
 * @param field  the request field at fault, where there is one
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String CONTENT_TYPE = "application/problem+json";
}
