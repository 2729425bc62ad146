package io.hirestream.intake.http;

import io.hirestream.intake.domain.InvalidRequestException;
import io.hirestream.service.http.Problem;
import io.hirestream.service.http.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request that breaks a domain rule: 400, naming the field. */
@Singleton
public class InvalidRequestHandler implements ExceptionHandler<InvalidRequestException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidRequestException exception) {
        Problem problem = ProblemException.badRequest(exception.field(), exception.getMessage()).problem();
        return HttpResponse.<Problem>badRequest(problem).contentType(Problem.CONTENT_TYPE);
    }
}
