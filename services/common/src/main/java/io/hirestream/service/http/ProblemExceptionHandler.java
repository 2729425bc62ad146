package io.hirestream.service.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} with its problem as {@code application/problem+json}. */
@Singleton
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(exception.problem().status()))
                .body(exception.problem())
                .contentType(Problem.CONTENT_TYPE);
        int status = exception.problem().status();
        if (status == HttpStatus.SERVICE_UNAVAILABLE.getCode() || status == HttpStatus.GATEWAY_TIMEOUT.getCode()
                || "https://hirestream.io/problems/request-in-progress".equals(exception.problem().type())) {
            response.header("Retry-After", "1");
        }
        return response;
    }
}
