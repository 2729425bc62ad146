package io.hirestream.testkit;

import io.hirestream.access.Roles;
import io.hirestream.stack.TokenIssuer;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Sign-in for tests: one issuer per test JVM, as the local stack's, whose public keys every
 * service a test starts trusts ({@link #serviceProperties()}), and tokens from it.
 */
public final class TestTokens {

    /** Every role a person may have: what the tests sign in with where the route, not the role, is under test. */
    public static final List<String> PEOPLE = List.of(Roles.RECRUITER, Roles.INTERVIEWER, Roles.HIRING_MANAGER,
            Roles.ANALYST, Roles.PRIVACY, Roles.COMPLIANCE, Roles.OPS);
    /** The subject of {@link #everyone()}'s token. */
    public static final String TEST_USER = "test-user";

    private static TokenIssuer issuer;
    private static final String RECEIPTS_SECRET = java.util.Base64.getEncoder().encodeToString(
            java.security.SecureRandom.getSeed(32));

    private TestTokens() {
    }

    public static synchronized TokenIssuer issuer() {
        if (issuer == null) {
            // The services under test read its public keys for as long as the tests run: removed when they end.
            issuer = TokenIssuer.in(ScratchFolders.create("hirestream-test-issuer-"));
        }
        return issuer;
    }

    /** A token for the subject with the roles. */
    public static String token(String subject, Collection<String> roles) {
        return issuer().token(subject, roles);
    }

    /** A token for the subject with one role. */
    public static String token(String subject, String role) {
        return token(subject, List.of(role));
    }

    /** A token with every person's role, for {@link #TEST_USER}. */
    public static String everyone() {
        return token(TEST_USER, PEOPLE);
    }

    /**
     * The settings that make a service trust this issuer and call its peers as a service, and
     * intake's receipts key (Micronaut properties).
     */
    public static Map<String, String> serviceProperties() {
        return Map.of("hirestream.jwks-file", issuer().publicKeys().toString(),
                "hirestream.service-token", issuer().serviceToken("test-service"),
                "hirestream.intake.receipts-secret", RECEIPTS_SECRET);
    }

    /** The same as environment variables, for a service started as its own process. */
    public static Map<String, String> serviceEnvironment(String serviceName) {
        return issuer().serviceEnvironment(serviceName);
    }
}
