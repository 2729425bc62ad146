package io.hirestream.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The random secrets of one local home (32 bytes each, base64), made on first use under
 * {@code secrets/} and readable by their owner only: the dashboard's session key, intake's receipts
 * key. Every instance of the home's services gets the same, so that they agree across restarts.
 */
public final class StackSecrets {

    /** The key dashboard sessions are signed with ({@code FUNNEL_SESSION_SECRET}). */
    public static final String DASHBOARD_SESSION = "dashboard-session-key";
    /** The key intake's idempotency receipts are made with ({@code INTAKE_RECEIPTS_SECRET}). */
    public static final String INTAKE_RECEIPTS = "intake-receipts-key";

    private StackSecrets() {
    }

    /**
     * Everything the home hands a service about sign-in and secrets: whose tokens to trust, its own
     * service token, and its own secrets (the funnel's session key, intake's receipts key).
     */
    public static Map<String, String> serviceEnvironment(StackLayout layout, Service service) {
        Map<String, String> environment = new HashMap<>(TokenIssuer.forHome(layout).serviceEnvironment(service.id()));
        switch (service) {
            case FUNNEL -> environment.put("FUNNEL_SESSION_SECRET", get(layout, DASHBOARD_SESSION));
            case INTAKE -> environment.put("INTAKE_RECEIPTS_SECRET", get(layout, INTAKE_RECEIPTS));
            default -> { }
        }
        return environment;
    }

    public static synchronized String get(StackLayout layout, String name) {
        Path file = layout.home().resolve("secrets").resolve(name);
        try {
            if (!Files.isRegularFile(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                SecretFile.write(file, Base64.getEncoder().encodeToString(secret));
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StackException("cannot keep the secret " + file + ": " + e.getMessage(), e);
        }
    }
}
