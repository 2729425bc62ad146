package io.hirestream.service.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a service's context, micronaut-security's token validator is the remembering one: a token sent
 * twice signs in the same authentication, checked once; a token past its expiry signs in no one.
 * (Pins that {@link ValidatedTokens} still wraps the validator micronaut-security makes.)
 */
class ValidatedTokensContextTest {

    @Test
    void aServiceRemembersTheTokensItAcceptedAndRefusesExpiredOnes(@TempDir Path folder) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("issuer-key").generate();
        Path jwks = Files.writeString(folder.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        try (ApplicationContext context = ApplicationContext.run(Map.of("hirestream.jwks-file", jwks.toString(),
                "micronaut.security.token.jwt.claims-validators.issuer", "test-issuer", "kafka.enabled", "false"))) {
            @SuppressWarnings("unchecked")
            Collection<TokenValidator<Object>> validators = (Collection) context.getBeansOfType(TokenValidator.class);
            assertThat(validators).isNotEmpty();
            String token = token(key, new Date(System.currentTimeMillis() + 600_000));

            for (TokenValidator<Object> validator : validators) {
                Authentication first = Mono.from(validator.validateToken(token, null)).block();
                Authentication again = Mono.from(validator.validateToken(token, null)).block();
                assertThat(first).isNotNull();
                assertThat(first.getName()).isEqualTo("recruiter-1");
                assertThat(again).as("the token's second sign-in, remembered from its first").isSameAs(first);
                assertThat(Mono.from(validator.validateToken(token(key, new Date(System.currentTimeMillis() - 60_000)), null))
                        .blockOptional()).as("an expired token").isEmpty();
            }
        }
    }

    private static String token(ECKey key, Date expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("recruiter-1").issuer("test-issuer").expirationTime(expiry)
                        .claim("roles", List.of("recruiter")).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
