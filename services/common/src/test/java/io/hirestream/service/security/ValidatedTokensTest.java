package io.hirestream.service.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.hirestream.access.Roles;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token accepted once signs its holder in without being checked again for a few minutes, never
 * past its expiry; a token refused is checked, and refused, every time.
 */
class ValidatedTokensTest {

    private static final long START_MILLIS = 1_800_000_000_000L;

    private final AtomicLong elapsedNanos = new AtomicLong();
    private final AtomicInteger checked = new AtomicInteger();
    private final ValidatedTokens tokens = new ValidatedTokens(elapsedNanos::get, this::nowMillis);
    private final ECKey trusted = key();

    @Test
    void theSameTokenIsCheckedOnceWithinTheRememberedTimeThenAgain() throws Exception {
        ReactiveJsonWebTokenValidator<JWT, Object> validator = tokens.remembering(checking(trusted));
        String token = token(trusted, "recruiter-1", Duration.ofHours(1));

        assertThat(signedIn(validator, token)).isEqualTo("recruiter-1");
        assertThat(signedIn(validator, token)).isEqualTo("recruiter-1");
        assertThat(checked).as("checks of one token sent twice").hasValue(1);

        elapsedNanos.addAndGet(ValidatedTokens.REMEMBERED.toNanos() + 1);
        assertThat(signedIn(validator, token)).isEqualTo("recruiter-1");
        assertThat(checked).as("after the remembered time it is checked again").hasValue(2);
    }

    @Test
    void aTokenIsNotTakenPastItsExpiry() throws Exception {
        ReactiveJsonWebTokenValidator<JWT, Object> validator = tokens.remembering(checking(trusted));
        String token = token(trusted, "recruiter-1", Duration.ofSeconds(30));

        assertThat(signedIn(validator, token)).isEqualTo("recruiter-1");
        elapsedNanos.addAndGet(Duration.ofSeconds(31).toNanos());

        assertThat(signedIn(validator, token)).as("31 s after it was accepted, the 30 s token has expired").isNull();
        assertThat(checked).hasValue(2);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEveryTime() throws Exception {
        ReactiveJsonWebTokenValidator<JWT, Object> validator = tokens.remembering(checking(trusted));
        String forged = token(key(), "recruiter-1", Duration.ofHours(1));

        assertThat(signedIn(validator, forged)).isNull();
        assertThat(signedIn(validator, forged)).isNull();
        assertThat(checked).hasValue(2);
        assertThat(signedIn(validator, token(trusted, "recruiter-1", Duration.ofHours(1)))).isEqualTo("recruiter-1");
    }

    private long nowMillis() {
        return START_MILLIS + Duration.ofNanos(elapsedNanos.get()).toMillis();
    }

    /** As micronaut-security checks a token: its signature and expiry, then whom it signs in. */
    private ReactiveJsonWebTokenValidator<JWT, Object> checking(ECKey key) {
        return new ReactiveJsonWebTokenValidator<>() {
            @Override
            public Publisher<JWT> validate(String token, Object request) {
                return Mono.fromCallable(() -> {
                    checked.incrementAndGet();
                    SignedJWT jwt = SignedJWT.parse(token);
                    boolean valid = jwt.verify(new ECDSAVerifier(key.toPublicJWK()))
                            && jwt.getJWTClaimsSet().getExpirationTime().getTime() > nowMillis();
                    return valid ? jwt : null;
                });
            }

            @Override
            public Publisher<Authentication> validateToken(String token, Object request) {
                return Mono.from(validate(token, request)).map(jwt -> {
                    try {
                        JWTClaimsSet claims = jwt.getJWTClaimsSet();
                        return Authentication.build(claims.getSubject(), List.of(Roles.RECRUITER), claims.getClaims());
                    } catch (ParseException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        };
    }

    private static String signedIn(ReactiveJsonWebTokenValidator<JWT, Object> validator, String token) {
        Authentication authentication = Mono.from(validator.validateToken(token, null)).block();
        return authentication == null ? null : authentication.getName();
    }

    private static String token(ECKey key, String subject, Duration valid) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().subject(subject)
                .expirationTime(new Date(START_MILLIS + valid.toMillis())).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
