package io.hirestream.service.security;

import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers, for a few minutes, the bearer tokens whose signature has been verified, so that a
 * client sending the same token again (a dashboard, a peer, an analytics poller: hundreds of times
 * a second) costs a map look-up instead of an ECDSA verification, which took most of a funnel
 * query's CPU (about 80% in a profile of {@code bench queries}). Only the signature check is
 * remembered, keyed by the token's whole text (header, claims and signature): the claims (issuer,
 * expiry, roles) are still checked on every request by micronaut-security.
 *
 * <p>Hand-written because micronaut-security verifies every request and has no such cache; it wraps
 * micronaut-security's signature validator as that bean is created. A key withdrawn from the
 * issuer's key set is still trusted for tokens verified in the last {@link #REMEMBERED} at most.
 * At most {@link #MOST_TOKENS} tokens are held; past that the cache starts over.
 */
@Singleton
public class VerifiedSignatures implements BeanCreatedEventListener<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> {

    static final Duration REMEMBERED = Duration.ofMinutes(5);
    static final int MOST_TOKENS = 10_000;

    private final ConcurrentHashMap<String, Long> verifiedUntil = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public VerifiedSignatures() {
        this(System::nanoTime);
    }

    VerifiedSignatures(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public ReactiveJsonWebTokenSignatureValidator<SignedJWT> onCreated(
            BeanCreatedEvent<ReactiveJsonWebTokenSignatureValidator<SignedJWT>> event) {
        return remembering(event.getBean());
    }

    ReactiveJsonWebTokenSignatureValidator<SignedJWT> remembering(ReactiveJsonWebTokenSignatureValidator<SignedJWT> verifier) {
        return token -> {
            String text = token.getParsedString();
            long now = nanoTime.getAsLong();
            Long until = text == null ? null : verifiedUntil.get(text);
            if (until != null && until - now > 0) {
                return Mono.just(true);
            }
            return Mono.from(verifier.validateSignature(token)).doOnNext(valid -> {
                if (valid && text != null) {
                    if (verifiedUntil.size() >= MOST_TOKENS) {
                        verifiedUntil.clear();
                    }
                    verifiedUntil.put(text, now + REMEMBERED.toNanos());
                }
            });
        };
    }
}
