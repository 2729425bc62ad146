package io.hirestream.service.privacy;

import io.hirestream.events.CandidateKey;
import io.hirestream.serde.Buffers;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Sealing a candidate's personal data with their own data key: AES-256-GCM, a fresh 12-byte nonce
 * per value, and associated data {@code hirestream:<purpose>:<candidateId>} so that a sealed value
 * opens only as what it was sealed as, for whom. Format: version byte 1, nonce, ciphertext and
 * 16-byte tag. Without the key (erased) nothing opens: that is the erasure.
 *
 * <p>Hand-written on the JDK's own AES-GCM: a few lines, and the services carry no crypto library.
 */
public final class Sealing {

    /** What is sealed: contact details, interview notes. Part of the associated data. */
    public enum Purpose {
        CONTACT("contact"), NOTES("notes");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }
    }

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sealing() {
    }

    /** The bytes of a candidate's data key, however its buffer stands. */
    public static byte[] dataKey(CandidateKey key) {
        return Buffers.copy(key.getDataKey());
    }

    /** A new data key: 32 random bytes. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] seal(byte[] key, String candidateId, Purpose purpose, String text) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, candidateId, purpose);
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK: " + e.getMessage(), e);
        }
    }

    /** The text, where the key opens the value as sealed for this candidate and purpose; empty otherwise. */
    public static Optional<String> open(byte[] key, String candidateId, Purpose purpose, byte[] sealed) {
        if (key == null || sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            return Optional.empty();
        }
        try {
            byte[] nonce = java.util.Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, candidateId, purpose);
            byte[] text = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return Optional.of(new String(text, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException wrongKeyOrTampered) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String candidateId, Purpose purpose)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("hirestream:" + purpose.label + ":" + candidateId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
