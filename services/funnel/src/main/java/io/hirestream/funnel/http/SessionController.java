package io.hirestream.funnel.http;

import io.hirestream.access.Roles;
import io.hirestream.service.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.validator.TokenValidator;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Sign-in and sign-out for the dashboard: {@code GET /sign-in?token=...} (the one-click link)
 * checks the token as any route would, and answers with a session cookie and a redirect to the
 * dashboard; {@code GET /sign-out} ends the session.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class SessionController {

    /** Who may open the dashboard: those who may read the funnel, and compliance (its fairness tab alone). */
    private static final Set<String> READERS = java.util.stream.Stream.concat(DashboardController.FUNNEL_READERS.stream(),
            java.util.stream.Stream.of(Roles.COMPLIANCE)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Collection<TokenValidator<HttpRequest<?>>> validators;
    private final DashboardSessions sessions;

    public SessionController(Collection<TokenValidator<HttpRequest<?>>> validators, DashboardSessions sessions) {
        this.validators = validators;
        this.sessions = sessions;
    }

    @Get("/sign-in")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> signIn(@Nullable @QueryValue String token, HttpRequest<?> request) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw ProblemException.badRequest("token", "token is required: open the sign-in link as it was given");
        }
        Authentication person = Flux.fromIterable(validators)
                .concatMap(validator -> validator.validateToken(token, request))
                .next().blockOptional(Duration.ofSeconds(10))
                .filter(found -> !Boolean.TRUE.equals(found.getAttributes().get(DashboardSessions.SESSION_CLAIM)))
                .orElseThrow(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "sign-in-link-invalid", "The sign-in link is not valid",
                        "The link's token has expired, or was not signed by the trusted issuer. Ask for a new link "
                                + "(on the local stack: ops/hirestream token --role recruiter --link).", "token"));
        if (person.getRoles().stream().noneMatch(READERS::contains)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "sign-in-role", "No role the dashboard takes",
                    "The dashboard takes one of the roles " + READERS + "; this token has "
                            + person.getRoles() + ".", "token");
        }
        return HttpResponse.seeOther(URI.create("/")).cookie(sessions.open(person, request.isSecure()));
    }

    @Get("/sign-out")
    public HttpResponse<?> signOut(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create("/")).cookie(sessions.close(request.isSecure()));
    }
}
