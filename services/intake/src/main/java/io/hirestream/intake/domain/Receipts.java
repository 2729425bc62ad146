package io.hirestream.intake.domain;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Idempotency of submissions: a retry with the same Idempotency-Key and the same body gets the
 * first answer again and writes nothing; the same key with another body is refused, since the
 * client has confused two requests.
 */
public final class Receipts {

    private Receipts() {
    }

    /** What to do with a submission, given the receipt already held for its key (or null). */
    public static Verdict check(String requestHash, String heldHash) {
        if (heldHash == null) {
            return Verdict.NEW;
        }
        return heldHash.equals(requestHash) ? Verdict.REPEAT : Verdict.KEY_REUSED;
    }

    /**
     * HMAC-SHA-256 of the request's canonical form under intake's receipts key, hex: a receipt
     * proves which body came with a key without being a bare hash of a name and an email, which
     * anyone who can guess them could check against it.
     */
    public static String hash(Submission submission, byte[] receiptsKey) {
        String canonical = String.join("\u001f", submission.requisitionId(), submission.source(), submission.name(),
                submission.email(), submission.countryOfResidence(), Integer.toString(submission.yearsOfExperience()),
                submission.highestDegree());
        SelfIdentification declared = submission.selfIdentification();
        if (declared != null) {
            // Appended only when sent: receipts of requests without it keep the hash they were written with.
            canonical = String.join("\u001f", canonical, "selfIdentification", declared.sex(), declared.raceEthnicity(),
                    declared.veteran(), declared.disability());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(receiptsKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** The outcome of an idempotency check. */
    public enum Verdict {
        /** No submission with this key yet: accept and record a receipt. */
        NEW,
        /** The same submission again: answer as the first time, write nothing. */
        REPEAT,
        /** Another submission with the same key: refuse. */
        KEY_REUSED
    }
}
