package io.hirestream.funnel.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The dashboard's sessions. A person opens a sign-in link carrying a short-lived token from the
 * issuer; the funnel checks it and answers with a session: a token of its own (the same subject
 * and roles, signed with the funnel's session key, HS256) in an HttpOnly, SameSite=Strict cookie,
 * which the browser then sends with every request of the page, the live stream included. Only the
 * funnel holds the session key, so a session opens the funnel and nothing else.
 *
 * <p>Hand-written where micronaut-security offers its cookie login only as a whole mode (login
 * form, redirects, its own cookie settings) the funnel's bearer-token API does not want: the
 * cookie reader and the cookie are a few lines; signing and checking are the library's.
 */
@Factory
public class DashboardSessions {

    /** The session cookie's name. */
    public static final String COOKIE = "hirestream_session";
    /** Marks a session token, which the sign-in link does not take (a session cannot extend itself). */
    static final String SESSION_CLAIM = "hirestream_session";

    private static final Logger LOG = LoggerFactory.getLogger(DashboardSessions.class);

    private final SecretSignature signature;
    private final Duration lifetime;
    private final String issuer;
    private final Clock clock = Clock.systemUTC();

    public DashboardSessions(@Value("${hirestream.funnel.session-secret:}") String secret,
                             @Value("${hirestream.funnel.session-lifetime:8h}") Duration lifetime,
                             @Value("${micronaut.security.token.jwt.claims-validators.issuer:hirestream-local}") String issuer) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("dashboard-session");
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        if (secret.isBlank()) {
            // Sessions then last as long as this process and open this instance only: fine for one instance.
            LOG.warn("No FUNNEL_SESSION_SECRET: dashboard sessions are signed with a key made at start, valid on this "
                    + "instance until it stops. Give every funnel instance the same secret (32 bytes or more, base64).");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = Base64.getEncoder().encodeToString(random);
        }
        configuration.setSecret(secret);
        configuration.setBase64(true);
        this.signature = new SecretSignature(configuration);
        this.lifetime = lifetime;
        this.issuer = issuer;
    }

    /** Sessions' signatures are trusted beside the issuer's. */
    @Singleton
    @Named("dashboard-session")
    SignatureConfiguration sessionSignature() {
        return signature;
    }

    /** Reads the session cookie as a token: the page's requests carry no Authorization header. */
    @Singleton
    TokenReader<HttpRequest<?>> sessionCookieReader() {
        return new TokenReader<>() {
            @Override
            public Optional<String> findToken(HttpRequest<?> request) {
                return request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
            }
        };
    }

    /** A session for the signed-in person, as the cookie that carries it. */
    Cookie open(Authentication person, boolean secure) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(person.getName())
                .claim("roles", List.copyOf(person.getRoles()))
                .claim(SESSION_CLAIM, true)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            return Cookie.of(COOKIE, signature.sign(claims).serialize()).httpOnly(true).sameSite(SameSite.Strict)
                    .path("/").maxAge(lifetime).secure(secure);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dashboard session", e);
        }
    }

    /** The cookie that ends a session. */
    Cookie close(boolean secure) {
        return Cookie.of(COOKIE, "").httpOnly(true).sameSite(SameSite.Strict).path("/").maxAge(0).secure(secure);
    }
}
