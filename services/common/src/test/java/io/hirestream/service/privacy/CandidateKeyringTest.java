package io.hirestream.service.privacy;

import io.hirestream.events.CandidateKey;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The keyring answers every candidate's key as it was written, however compactly it keeps it, until the candidate is erased. */
class CandidateKeyringTest {

    private static final Instant MADE = Instant.parse("2026-11-29T12:00:00.123Z");

    private final CandidateKeyring keyring = new CandidateKeyring(Map.of());

    @Test
    void aCandidatesKeyIsAnsweredAsItWasWritten() {
        String candidateId = UUID.randomUUID().toString();
        String applicationId = UUID.randomUUID().toString();
        byte[] dataKey = Sealing.newKey();

        keyring.put(candidateId, new CandidateKey(candidateId, ByteBuffer.wrap(dataKey), MADE, applicationId));

        CandidateKey answered = keyring.get(candidateId).orElseThrow();
        assertThat(answered.getCandidateId()).isEqualTo(candidateId);
        assertThat(Sealing.dataKey(answered)).isEqualTo(dataKey);
        assertThat(answered.getCreatedAt()).isEqualTo(MADE);
        assertThat(answered.getApplicationId()).isEqualTo(applicationId);
        assertThat(keyring.get(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void keysWithoutAnApplicationAndCandidateIdsThatAreNoUuidsAreKeptAsWell() {
        byte[] dataKey = Sealing.newKey();
        // Upper case is a UUID too, but not in the form kept compactly: it must still be found by what was written.
        String upper = UUID.randomUUID().toString().toUpperCase();

        keyring.put("candidate-7", new CandidateKey("candidate-7", ByteBuffer.wrap(dataKey), MADE, null));
        keyring.put(upper, new CandidateKey(upper, ByteBuffer.wrap(dataKey), MADE, "application-é"));

        assertThat(keyring.get("candidate-7").orElseThrow().getApplicationId()).isNull();
        assertThat(Sealing.dataKey(keyring.get("candidate-7").orElseThrow())).isEqualTo(dataKey);
        assertThat(keyring.get(upper).orElseThrow().getApplicationId()).isEqualTo("application-é");
        assertThat(keyring.get(upper.toLowerCase())).isEmpty();
    }

    @Test
    void anErasedCandidateHasNoKeyAnyMore() {
        String candidateId = UUID.randomUUID().toString();
        CandidateKey key = new CandidateKey(candidateId, ByteBuffer.wrap(Sealing.newKey()), MADE, null);
        keyring.put(candidateId, key);
        // Read back from the topic after the service wrote it: still one candidate.
        keyring.put(candidateId, new CandidateKey(candidateId, ByteBuffer.wrap(Sealing.dataKey(key)), MADE, null));
        assertThat(keyring.size()).isEqualTo(1);

        keyring.put(candidateId, null);

        assertThat(keyring.get(candidateId)).isEmpty();
        assertThat(keyring.size()).isZero();
    }
}
