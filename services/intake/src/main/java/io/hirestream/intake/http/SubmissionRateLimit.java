package io.hirestream.intake.http;

import io.hirestream.service.http.Problem;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.core.annotation.Nullable;

import java.time.Clock;

/**
 * The careers site's form is public, so each client (by address: the connection's, or the one a
 * proxy names in {@code micronaut.server.client-address-header}) may submit at most
 * {@code INTAKE_RATE_LIMIT} applications a second on average, in bursts of twice that; beyond,
 * 429 problem+json with Retry-After, before the body is read. 0 turns the limit off.
 *
 * <p>Hand-written: a token bucket per address is a few lines, and no library the services carry
 * has one.
 */
@ServerFilter("/api/applications")
public class SubmissionRateLimit {

    private final HttpClientAddressResolver addresses;
    private final RateLimiter limiter;

    public SubmissionRateLimit(HttpClientAddressResolver addresses,
                               @Value("${hirestream.intake.rate-limit:10}") double perSecond,
                               @Value("${hirestream.intake.rate-limit-clients:100000}") int clients) {
        this.addresses = addresses;
        this.limiter = perSecond <= 0 ? null : new RateLimiter(perSecond, 2 * perSecond, clients, Clock.systemUTC());
    }

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> limit(HttpRequest<?> request) {
        if (limiter == null || request.getMethod() != HttpMethod.POST) {
            return null;
        }
        String client = addresses.resolve(request);
        long waitMillis = limiter.acquire(client == null ? "unknown" : client);
        if (waitMillis == 0) {
            return null;
        }
        long retryAfterSeconds = Math.max(1, (waitMillis + 999) / 1000);
        return HttpResponse.<Problem>status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .contentType(MediaType.of(Problem.CONTENT_TYPE))
                .body(new Problem("about:blank", "Too Many Requests", 429, "This client has sent more applications than "
                        + "intake takes from one client (" + limiter.perSecond() + " a second); try again in "
                        + retryAfterSeconds + " s.", null));
    }
}
