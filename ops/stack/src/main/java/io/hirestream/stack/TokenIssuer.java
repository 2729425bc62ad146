package io.hirestream.stack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.hirestream.access.Roles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stack's issuer of bearer tokens, standing in for a company's identity provider: an
 * ES256 key pair made on first use, the private half in {@code secrets/token-signing-key.json}
 * (its owner alone reads it), the public half as a JSON Web Key Set in
 * {@code secrets/token-keys.json}, which the services verify tokens with
 * ({@code HIRESTREAM_JWKS_FILE}). In production the services take the identity provider's JWKS
 * URL instead and this class is not used.
 */
public final class TokenIssuer {

    /** The {@code iss} claim of every token this issuer signs; the services accept no other by default. */
    public static final String ISSUER = "hirestream-local";
    /** How long a sign-in link works: long enough to open it, short enough not to matter in a browser's history. */
    public static final Duration SIGN_IN_LINK_LIFETIME = Duration.ofMinutes(15);
    /** How long a person's token lasts unless told otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
    /** The environment variable that tells a service where the issuer's public keys are. */
    public static final String JWKS_FILE_VARIABLE = "HIRESTREAM_JWKS_FILE";
    /** The environment variable that hands a service its own token for calling its peers. */
    public static final String SERVICE_TOKEN_VARIABLE = "HIRESTREAM_SERVICE_TOKEN";

    private final ECKey key;
    private final Path publicKeys;
    private final Clock clock;

    private TokenIssuer(ECKey key, Path publicKeys, Clock clock) {
        this.key = key;
        this.publicKeys = publicKeys;
        this.clock = clock;
    }

    /** The home's issuer, its keys made on first use. */
    public static TokenIssuer forHome(StackLayout layout) {
        return in(layout.home().resolve("secrets"));
    }

    /** An issuer whose keys live in the folder, made on first use. */
    public static synchronized TokenIssuer in(Path folder) {
        Path privateKey = folder.resolve("token-signing-key.json");
        Path publicKeys = folder.resolve("token-keys.json");
        try {
            ECKey key;
            if (Files.isRegularFile(privateKey)) {
                key = ECKey.parse(Files.readString(privateKey, StandardCharsets.UTF_8));
            } else {
                key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
                SecretFile.write(privateKey, key.toJSONString());
            }
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            if (!Files.isRegularFile(publicKeys) || !Files.readString(publicKeys, StandardCharsets.UTF_8).equals(jwks)) {
                // Public, but written the one way files here are: whole or not at all (readers are the home's own services).
                SecretFile.write(publicKeys, jwks);
            }
            return new TokenIssuer(key, publicKeys, Clock.systemUTC());
        } catch (IOException | ParseException | JOSEException e) {
            throw new StackException("cannot keep the token signing key in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The public keys, as a JSON Web Key Set: what the services are told to trust. */
    public Path publicKeys() {
        return publicKeys;
    }

    /** A token for a person: subject {@code name}, the roles given, lasting {@link #DEFAULT_LIFETIME}. */
    public String token(String subject, Collection<String> roles) {
        return token(subject, roles, DEFAULT_LIFETIME);
    }

    /**
     * A signed token (compact JWS) for the subject with the roles, valid from now for the
     * lifetime. Roles are checked against {@link Roles#ALL}: a typo would sign a useless token.
     */
    public String token(String subject, Collection<String> roles, Duration lifetime) {
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; the roles are " + String.join(", ", Roles.ALL));
            }
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new StackException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * The token a service instance calls its peers with (role {@code service}). It lasts as long as
     * a local stack is likely to run without a restart; {@code up} makes a new one on each start.
     */
    public String serviceToken(String serviceName) {
        return token(serviceName, List.of(Roles.SERVICE), Duration.ofDays(30));
    }

    /**
     * A one-click sign-in link to the dashboard at the funnel's URL: a token lasting
     * {@link #SIGN_IN_LINK_LIFETIME}, which the funnel exchanges for a session cookie.
     */
    public String signInLink(String funnelUrl, String subject, Collection<String> roles, Duration lifetime) {
        return funnelUrl + "/sign-in?token=" + token(subject, roles, lifetime);
    }

    /** What a service instance is told: whose tokens to trust, and its own token for its peers. */
    public Map<String, String> serviceEnvironment(String serviceName) {
        return Map.of(JWKS_FILE_VARIABLE, publicKeys.toString(), SERVICE_TOKEN_VARIABLE, serviceToken(serviceName));
    }
}
