package io.hirestream.service.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.security.annotation.Secured;
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
        if (status == 401) {
            detail = "Sign in first: send Authorization: Bearer <token> (on the local stack, ops/hirestream token --role ROLE "
                    + "prints one). A token that has expired, or is not signed by the trusted issuer, counts as none.";
        } else if (status == 403) {
            detail = "Your token's roles do not include one this route takes" + RouteAttributes.getRouteMatch(context.getRequest())
                    .map(route -> route.getAnnotationMetadata().stringValues(Secured.class))
                    .filter(roles -> roles.length > 0)
                    .map(roles -> " (" + String.join(", ", roles) + ")").orElse("") + ".";
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
