package io.hirestream.interview.http;

import io.hirestream.events.CandidateKey;
import io.hirestream.interview.domain.Feedback;
import io.hirestream.interview.domain.InterviewLoop;
import io.hirestream.service.http.ProblemException;
import io.hirestream.service.privacy.CandidateKeyring;
import io.hirestream.service.privacy.Sealing;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Just after interview starts, its keyring has not read the key topic yet: notes of a candidate whose key
 * it does not hold yet are neither refused nor shown as erased, the request is asked to come back (503).
 */
class CandidateNotesTest {

    // Never started: it has not read the key topic, as just after a start.
    private final CandidateKeyring keyring = new CandidateKeyring(Map.of());
    private final CandidateNotes notes = new CandidateNotes(keyring);

    @Test
    void notesForACandidateNotReadYetAreNeitherRefusedNorShownAsErased() {
        InterviewLoop loop = loop(UUID.randomUUID().toString());
        Feedback sealed = new Feedback("f-1", "TECHNICAL", "ivy", "YES", null, 0, new byte[]{1, 2, 3});

        assertThatThrownBy(() -> notes.seal(loop, "strong on systems design"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(503));
        assertThatThrownBy(() -> notes.open(loop, sealed))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(503));
    }

    @Test
    void notesForACandidateWhoseKeyIsHeldAreSealedAndOpenedMeanwhile() {
        String candidateId = UUID.randomUUID().toString();
        keyring.put(candidateId, new CandidateKey(candidateId, ByteBuffer.wrap(Sealing.newKey()), Instant.now(), null));
        InterviewLoop loop = loop(candidateId);

        byte[] sealed = notes.seal(loop, "strong on systems design");
        CandidateNotes.Shown shown = notes.open(loop, new Feedback("f-1", "TECHNICAL", "ivy", "YES", null, 0, sealed));

        assertThat(shown.text()).isEqualTo("strong on systems design");
        assertThat(shown.erased()).isFalse();
    }

    private static InterviewLoop loop(String candidateId) {
        return new InterviewLoop("application-1", "requisition-1", "Machine Learning Engineer", "Remote (US only)", 0,
                List.of("TECHNICAL"), List.of(), InterviewLoop.OPEN, null, null, 0, candidateId);
    }
}
