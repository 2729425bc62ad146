package io.hirestream.interview.http;

import io.hirestream.events.CandidateKey;
import io.hirestream.interview.domain.Feedback;
import io.hirestream.interview.domain.InterviewLoop;
import io.hirestream.service.http.ProblemException;
import io.hirestream.service.privacy.CandidateKeyring;
import io.hirestream.service.privacy.Sealing;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Interview notes may name the candidate, so they are kept sealed under the candidate's data key
 * (from the key topic) and opened only to be shown; once the candidate is erased their key is
 * gone and the notes, wherever a copy is, no longer open.
 */
@Singleton
public class CandidateNotes {

    private final CandidateKeyring keys;

    public CandidateNotes(CandidateKeyring keys) {
        this.keys = keys;
    }

    /** The notes sealed for the loop's candidate; 422 where the candidate's key is not there (erased, or unknown). */
    public byte[] seal(InterviewLoop loop, String notes) {
        CandidateKey key = key(loop).orElseThrow(() ->
                ProblemException.unprocessable("candidate-erased", "Notes cannot be kept for this candidate",
                        "Application " + loop.applicationId() + "'s candidate has been erased (or is not known here yet): "
                                + "give the feedback without notes.", "notes"));
        return Sealing.seal(Sealing.dataKey(key), loop.candidateId(), Sealing.Purpose.NOTES, notes);
    }

    /** What a reader sees of the feedback's notes: in clear while the candidate's key opens them, else nothing. */
    public Shown open(InterviewLoop loop, Feedback feedback) {
        if (feedback.sealedNotes() == null) {
            return new Shown(feedback.notes(), false);
        }
        Optional<String> opened = key(loop).flatMap(key -> Sealing.open(Sealing.dataKey(key), loop.candidateId(), Sealing.Purpose.NOTES, feedback.sealedNotes()));
        return new Shown(opened.orElse(null), opened.isEmpty());
    }

    /**
     * The loop's candidate's key. Until the keyring has read the key topic (just after a start) a key it
     * does not hold yet may be there: 503, rather than notes refused or shown as erased that are not.
     */
    private Optional<CandidateKey> key(InterviewLoop loop) {
        Optional<CandidateKey> key = Optional.ofNullable(loop.candidateId()).flatMap(keys::get);
        if (key.isEmpty() && loop.candidateId() != null && !keys.caughtUp()) {
            throw ProblemException.unavailable("Interview is still reading the candidates' keys; retry in a moment.");
        }
        return key;
    }

    /** Notes as shown: the text (null where none or erased), and whether they were erased. */
    public record Shown(String text, boolean erased) {
    }
}
