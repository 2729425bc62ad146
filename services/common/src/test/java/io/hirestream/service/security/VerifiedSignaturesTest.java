package io.hirestream.service.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenSignatureValidator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A token's signature is verified once per few minutes; a different or refused signature is verified every time. */
class VerifiedSignaturesTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger verified = new AtomicInteger();
    private final VerifiedSignatures signatures = new VerifiedSignatures(now::get);

    @Test
    void theSameTokenIsVerifiedOnceWithinTheRememberedTimeThenAgain() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        ReactiveJsonWebTokenSignatureValidator<SignedJWT> validator = signatures.remembering(verifying(key));
        String token = token(key, "recruiter-1");

        assertThat(valid(validator, token)).isTrue();
        assertThat(valid(validator, token)).isTrue();
        assertThat(verified).as("verifications of one token sent twice").hasValue(1);

        now.addAndGet(VerifiedSignatures.REMEMBERED.toNanos() + 1);
        assertThat(valid(validator, token)).isTrue();
        assertThat(verified).as("after the remembered time it is verified again").hasValue(2);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEveryTime() throws Exception {
        ECKey trusted = new ECKeyGenerator(Curve.P_256).generate();
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        ReactiveJsonWebTokenSignatureValidator<SignedJWT> validator = signatures.remembering(verifying(trusted));
        String forged = token(other, "recruiter-1");

        assertThat(valid(validator, forged)).isFalse();
        assertThat(valid(validator, forged)).isFalse();
        assertThat(verified).hasValue(2);
        assertThat(valid(validator, token(trusted, "recruiter-1"))).isTrue();
    }

    private ReactiveJsonWebTokenSignatureValidator<SignedJWT> verifying(ECKey key) {
        return jwt -> Mono.fromCallable(() -> {
            verified.incrementAndGet();
            return jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key.toPublicJWK()));
        });
    }

    private static boolean valid(ReactiveJsonWebTokenSignatureValidator<SignedJWT> validator, String token) throws Exception {
        return Mono.from(validator.validateSignature(SignedJWT.parse(token))).block();
    }

    private static String token(ECKey key, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().subject(subject).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
