package io.hirestream.service.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * A request that breaks a Bean Validation constraint: 400 problem+json naming the first field
 * at fault as the client wrote it ({@code candidate.email}, {@code limit}), and every violation
 * in the detail.
 */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationProblemHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
        var violations = exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing(ConstraintViolationProblemHandler::field)).toList();
        String detail = violations.stream().map(v -> field(v) + " " + v.getMessage()).collect(Collectors.joining("; "));
        String field = violations.isEmpty() ? null : field(violations.getFirst());
        Problem problem = ProblemException.badRequest(field, detail.isEmpty() ? exception.getMessage() : detail).problem();
        return HttpResponse.<Problem>badRequest(problem).contentType(Problem.CONTENT_TYPE);
    }

    /**
     * The field as the client named it: the path without the method, and without the body
     * parameter's own name (a query parameter keeps its name).
     */
    static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        return field.isEmpty() ? (parameter == null ? "body" : parameter) : field.toString();
    }
}
