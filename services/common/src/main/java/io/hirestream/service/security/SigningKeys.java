package io.hirestream.service.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfigurationProperties;
import io.micronaut.security.token.jwt.signature.jwks.StaticJwksSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Whose signatures a service trusts on bearer tokens: the public keys of one issuer, either a
 * JSON Web Key Set file ({@code HIRESTREAM_JWKS_FILE}: the local stack's issuer, see
 * {@code ops/hirestream token}) or an identity provider's JWKS URL ({@code HIRESTREAM_JWKS_URL},
 * fetched and cached by micronaut-security). A service with neither refuses to start: with no
 * key configured, micronaut-security would take an unsigned token at its word.
 *
 * <p>A factory rather than configuration: which of micronaut-security's two settings applies
 * depends on which variable the deployment sets, and each service's configuration would
 * otherwise repeat both.
 */
@Factory
public class SigningKeys {

    /** The local issuer's public keys, read once at start. */
    @Singleton
    @Named("issuer")
    @Requires(property = "hirestream.jwks-file")
    StaticJwksSignatureConfiguration file(@Value("${hirestream.jwks-file}") String file) {
        return () -> "file:" + file;
    }

    /** An identity provider's public keys, fetched from its JWKS URL and refreshed as its keys rotate. */
    @Singleton
    @Named("identity-provider")
    @Requires(property = "hirestream.jwks-url")
    JwksSignatureConfiguration url(@Value("${hirestream.jwks-url}") String url) {
        JwksSignatureConfigurationProperties configuration = new JwksSignatureConfigurationProperties("identity-provider");
        configuration.setUrl(url);
        return configuration;
    }

    /** Fails the start where no key is configured. */
    @Context
    Check check(@Nullable @Value("${hirestream.jwks-file:}") String file, @Nullable @Value("${hirestream.jwks-url:}") String url) {
        if ((file == null || file.isBlank()) && (url == null || url.isBlank())) {
            throw new ConfigurationException("No key to check sign-in tokens with: set HIRESTREAM_JWKS_FILE (the local stack's "
                    + "issuer, which ops/hirestream up sets) or HIRESTREAM_JWKS_URL (your identity provider's JWKS URL).");
        }
        return new Check();
    }

    /** The proof, in the context, that the check ran. */
    public static final class Check {
        private Check() {
        }
    }
}
