package io.hirestream.service.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Makes the framework's own errors (malformed JSON, unknown route, wrong method or media type,
 * unexpected failures) problem details too, so that every error of a service has one shape.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemJsonErrorBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        if (detail.isBlank()) {
            detail = response.reason();
        }
        if (status >= 500) {
            // Internal messages help nobody outside and may leak details; the log has them.
            detail = "The service failed on this request; it has been logged. Retrying may help.";
        }
        // The framework names a field as a JSON pointer ("/body"); problems name it as the client wrote it.
        String field = context.getErrors().stream().flatMap(error -> error.getPath().stream())
                .map(path -> path.startsWith("/") ? path.substring(1) : path).findFirst().orElse(null);
        return new Problem("about:blank", response.reason(), status, detail, field);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }
}
