package io.hirestream.service.security;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers, for a few minutes and never past their expiry, the bearer tokens micronaut-security
 * has accepted and who they signed in, so that a client sending the same token again (a dashboard,
 * a peer, an analytics poller: hundreds of times a second) costs one map look-up. Unremembered,
 * every request parsed the token, verified its ECDSA signature (most of a funnel query's CPU in a
 * profile of {@code bench queries}), checked its claims and built its authentication on
 * micronaut-security's blocking pool, a hand-off from the event loop and back.
 *
 * <p>Hand-written because micronaut-security validates every request and has no such cache; it wraps
 * micronaut-security's token validator as that bean is created. What is remembered is keyed by the
 * token's whole text (header, claims and signature), so any change to a token is a token never
 * seen. The claims checks the services configure (issuer, expiry, not-before) do not depend on the
 * request, so a token accepted once is accepted until it expires; it is forgotten at its expiry,
 * and a key withdrawn from the issuer's key set is still trusted for tokens accepted in the last
 * {@link #REMEMBERED} at most. Refused tokens are never remembered. At most {@link #MOST_TOKENS}
 * tokens are held; past that the cache starts over.
 */
@Singleton
public class ValidatedTokens implements BeanCreatedEventListener<ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>>> {

    static final Duration REMEMBERED = Duration.ofMinutes(5);
    static final int MOST_TOKENS = 10_000;

    private final ConcurrentHashMap<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final LongSupplier epochMillis;

    public ValidatedTokens() {
        this(System::nanoTime, System::currentTimeMillis);
    }

    ValidatedTokens(LongSupplier nanoTime, LongSupplier epochMillis) {
        this.nanoTime = nanoTime;
        this.epochMillis = epochMillis;
    }

    /** Who a token signed in, and until when (System.nanoTime) that stands without checking it again. */
    private record Accepted(Authentication authentication, long until) {
    }

    @Override
    public ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> onCreated(
            BeanCreatedEvent<ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>>> event) {
        return remembering(event.getBean());
    }

    <R> ReactiveJsonWebTokenValidator<JWT, R> remembering(ReactiveJsonWebTokenValidator<JWT, R> validator) {
        return new ReactiveJsonWebTokenValidator<>() {
            @Override
            public Publisher<JWT> validate(String token, R request) {
                return validator.validate(token, request);
            }

            @Override
            public Publisher<Authentication> validateToken(String token, R request) {
                long now = nanoTime.getAsLong();
                Accepted known = token == null ? null : accepted.get(token);
                if (known != null && known.until - now > 0) {
                    return Mono.just(known.authentication);
                }
                Mono<Authentication> checked = Mono.from(validator.validateToken(token, request));
                return token == null ? checked : checked.doOnNext(authentication -> remember(token, authentication, now));
            }

            @Override
            public int getOrder() {
                return validator.getOrder();
            }
        };
    }

    private void remember(String token, Authentication authentication, long now) {
        long rememberedMillis = REMEMBERED.toMillis();
        // micronaut-security's authentication holds the token's claims; Nimbus gives its expiry as a Date.
        Long expiresAt = authentication.getAttributes().get(Claims.EXPIRATION_TIME) instanceof Date date ? date.getTime() : null;
        if (expiresAt != null) {
            long left = expiresAt - epochMillis.getAsLong();
            if (left <= 0) {
                return;
            }
            rememberedMillis = Math.min(rememberedMillis, left);
        }
        if (accepted.size() >= MOST_TOKENS) {
            accepted.clear();
        }
        accepted.put(token, new Accepted(authentication, now + Duration.ofMillis(rememberedMillis).toNanos()));
    }
}
