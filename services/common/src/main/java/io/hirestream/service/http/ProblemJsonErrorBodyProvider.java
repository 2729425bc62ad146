package io.hirestream.service.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
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

    private final NettyHttpServerConfiguration server;

    public ProblemJsonErrorBodyProvider(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        Problem tooLong = tooLong(context, response);
        if (tooLong != null) {
            return tooLong;
        }
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

    /**
     * Netty stops reading a request line (method, URL, version) longer than
     * {@code micronaut.server.netty.max-initial-line-length} and headers longer than
     * {@code max-header-size}, and Micronaut answers both 413, the status of a body too large, with
     * a detail that tells a client that sent no body nothing. They are answered here as what they
     * are, 414 URI Too Long and 431 Request Header Fields Too Large, naming the limit. Hand-written:
     * Micronaut has no setting for it, and answers such a request before any route or filter, so
     * that only its error response can be changed; reading the request's body or binding it to a
     * route would rethrow Netty's refusal. That the status set on the response here is the one
     * written is Micronaut's behaviour, not its documented contract: PipelineIT's test of 414 and
     * 431 fails if an upgrade changes it.
     */
    private Problem tooLong(ErrorContext context, HttpResponse<?> response) {
        if (response.code() != HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()
                || !(context.getRequest() instanceof NettyHttpRequest<?> netty) || !(response instanceof MutableHttpResponse<?> answer)) {
            return null;
        }
        DecoderResult decoded = netty.getNativeRequest().decoderResult();
        Throwable refused = decoded != null && decoded.isFailure() ? decoded.cause() : null;
        HttpStatus status;
        String detail;
        if (refused instanceof TooLongHttpLineException) {
            status = HttpStatus.REQUEST_URI_TOO_LONG;
            detail = "The request line (method, URL and HTTP version) is longer than the " + server.getMaxInitialLineLength()
                    + " bytes this service reads: shorten the URL.";
        } else if (refused instanceof TooLongHttpHeaderException) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            detail = "The request's headers are longer than the " + server.getMaxHeaderSize() + " bytes this service reads.";
        } else {
            return null;
        }
        answer.status(status);
        return new Problem("about:blank", status.getReason(), status.getCode(), detail, null);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }
}
