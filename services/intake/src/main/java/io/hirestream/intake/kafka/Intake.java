package io.hirestream.intake.kafka;

import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.CandidateErased;
import io.hirestream.events.CandidateKey;
import io.hirestream.events.Requisition;
import io.hirestream.events.RequisitionStatus;
import io.hirestream.events.SubmissionReceipt;
import io.hirestream.intake.domain.ApplicationRequest;
import io.hirestream.intake.domain.ApplicationRules;
import io.hirestream.intake.domain.InvalidRequestException;
import io.hirestream.intake.domain.Receipts;
import io.hirestream.intake.domain.RequisitionRequest;
import io.hirestream.intake.domain.RequisitionRules;
import io.hirestream.intake.domain.Submission;
import io.hirestream.service.http.ProblemException;
import io.hirestream.service.kafka.TopicView;
import io.hirestream.service.privacy.CandidateKeyring;
import io.hirestream.service.privacy.Sealing;
import io.hirestream.topics.Topics;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Context;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What intake does with a request once HTTP has parsed it: check it against the domain rules,
 * build the records, and write them in one transaction. Any refusal happens before anything is
 * written; an answer of success comes only after the broker acknowledged. Made at start, so that
 * a missing receipts key stops the service there rather than failing its first request.
 */
@Context
public class Intake {

    private static final int LOCK_STRIPES = 256;

    private final TransactionalWriter writer;
    private final TopicView<Requisition> requisitions;
    private final TopicView<SubmissionReceipt> receipts;
    /** The candidates' data keys: who can still be erased, and whose data is still readable. */
    private final CandidateKeyring keys;
    private final byte[] receiptsKey;
    private final Duration writeTimeout;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock[] keyLocks = new ReentrantLock[LOCK_STRIPES];
    /** Keyed writes whose outcome is not known yet, by Idempotency-Key. */
    private final Map<String, TransactionalWriter.Write> inFlight = new ConcurrentHashMap<>();
    /** Answers' write timeouts, and the settling of writes whose outcome was unknown. */
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "intake-timers");
        thread.setDaemon(true);
        return thread;
    });

    public Intake(TransactionalWriter writer, TopicView<Requisition> requisitions, TopicView<SubmissionReceipt> receipts,
                  CandidateKeyring keys, @Value("${hirestream.intake.write-timeout}") Duration writeTimeout,
                  @Value("${hirestream.intake.receipts-secret:}") String receiptsSecret) {
        this.writer = writer;
        this.requisitions = requisitions;
        this.receipts = receipts;
        this.keys = keys;
        this.receiptsKey = receiptsKey(receiptsSecret);
        this.writeTimeout = writeTimeout;
        // A timeout cancelled by its answer leaves the queue at once (thousands are scheduled a second).
        timers.setRemoveOnCancelPolicy(true);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            keyLocks[i] = new ReentrantLock();
        }
    }

    public Requisition open(RequisitionRequest request) {
        var opening = RequisitionRules.validate(request);
        Requisition requisition = IntakeRecords.requisition(UUID.randomUUID().toString(), opening, clock.instant());
        write(List.of(IntakeRecords.record(Topics.REQUISITIONS.name(), requisition.getRequisitionId(), requisition)),
                "the requisition");
        requisitions.put(requisition.getRequisitionId(), requisition);
        return requisition;
    }

    public Requisition close(String requisitionId) {
        Requisition requisition = requisition(requisitionId)
                .orElseThrow(() -> ProblemException.notFound("requisition", "No requisition " + requisitionId + "."));
        if (requisition.getStatus() == RequisitionStatus.CLOSED) {
            return requisition;
        }
        Requisition closed = IntakeRecords.closed(requisition, clock.instant());
        write(List.of(IntakeRecords.record(Topics.REQUISITIONS.name(), requisitionId, closed)), "the closing");
        requisitions.put(requisitionId, closed);
        return closed;
    }

    public Optional<Requisition> requisition(String requisitionId) {
        return requisitions.get(requisitionId);
    }

    /**
     * Requisitions in id order after {@code afterId} (null: from the first), with the given status
     * (null: any), at most {@code limit} plus one, so that the caller knows whether more follow.
     */
    public List<Requisition> requisitions(String status, String afterId, int limit) {
        return requisitions.values().stream()
                .filter(requisition -> afterId == null || requisition.getRequisitionId().compareTo(afterId) > 0)
                .filter(requisition -> status == null || requisition.getStatus().name().equalsIgnoreCase(status))
                .sorted(Comparator.comparing(Requisition::getRequisitionId))
                .limit(limit + 1L)
                .toList();
    }

    /**
     * Accepts an application: the applied event, the candidate's contact details and, with an
     * Idempotency-Key, its receipt, all in one transaction. A refusal is thrown at once; otherwise the
     * answer completes once the transaction is committed (or fails with the problem to answer), and no
     * thread waits for it meanwhile: a burst of requests is thousands of pending answers, not threads.
     */
    public CompletableFuture<IntakeRecords.Ids> submit(ApplicationRequest request, String idempotencyKey) {
        Submission submission = ApplicationRules.validate(request);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1 to 255 characters");
        }
        String hash = idempotencyKey == null ? null : Receipts.hash(submission, receiptsKey);
        if (idempotencyKey != null) {
            // Before anything about the requisition: a retry gets the first answer whatever changed since.
            Optional<IntakeRecords.Ids> first = answered(idempotencyKey, hash);
            if (first.isPresent()) {
                return CompletableFuture.completedFuture(first.get());
            }
        }
        Requisition requisition = requisitions.get(submission.requisitionId()).orElse(null);
        ApplicationRules.Refusal refusal = ApplicationRules.admit(requisition == null ? null
                : requisition.getStatus() == RequisitionStatus.OPEN
                ? ApplicationRules.RequisitionState.OPEN : ApplicationRules.RequisitionState.NOT_OPEN);
        if (refusal != null) {
            throw ProblemException.unprocessable(refusal.name().toLowerCase().replace('_', '-'),
                    "The requisition does not take this application",
                    "Requisition " + submission.requisitionId() + ": " + refusal.detail() + ".", "requisitionId");
        }
        if (idempotencyKey == null) {
            return answer(startAccepting(submission, requisition, null, null));
        }
        ReentrantLock lock = keyLocks[Math.floorMod(idempotencyKey.hashCode(), LOCK_STRIPES)];
        Accepted accepted;
        lock.lock();
        try {
            Optional<IntakeRecords.Ids> first = answered(idempotencyKey, hash);
            if (first.isPresent()) {
                return CompletableFuture.completedFuture(first.get());
            }
            if (inFlight.containsKey(idempotencyKey)) {
                throw ProblemException.inProgress("A request with Idempotency-Key " + idempotencyKey
                        + " is still being written, or its outcome is being settled. Retry in a moment with the same"
                        + " key: it answers as the first request did, and never writes a second application.");
            }
            accepted = startAccepting(submission, requisition, idempotencyKey, hash);
        } finally {
            lock.unlock();
        }
        return answer(accepted);
    }

    /**
     * The first answer to a request with this key, where one is on record: the same ids for the same
     * body; 422 for another body under the same key.
     */
    private Optional<IntakeRecords.Ids> answered(String idempotencyKey, String hash) {
        SubmissionReceipt held = receipts.get(idempotencyKey).orElse(null);
        return switch (Receipts.check(hash, held == null ? null : held.getRequestHash())) {
            case NEW -> Optional.empty();
            case REPEAT -> Optional.of(new IntakeRecords.Ids(held.getApplicationId(), held.getEventId(), held.getCandidateId()));
            case KEY_REUSED -> throw ProblemException.unprocessable("idempotency-key-reused",
                    "The Idempotency-Key was used for another request",
                    "Idempotency-Key " + idempotencyKey + " was first used with a different body; use a new key for a new application.",
                    "Idempotency-Key");
        };
    }

    /**
     * Erases a candidate: tombstones their data key (every sealed copy of their contact details and
     * of the notes about them, wherever it is, no longer opens), their contact details and their
     * self-identification, and records the erasure, in one transaction. 404 for a candidate with no
     * key (unknown, or erased).
     */
    public CandidateErased erase(String candidateId, String requestedBy) {
        if (candidateId == null || candidateId.isBlank() || candidateId.length() > 100) {
            throw new InvalidRequestException("candidateId", "must be 1 to 100 characters");
        }
        if (!keys.caughtUp()) {
            throw ProblemException.unavailable("Intake is still reading the candidates' keys; retry in a moment.");
        }
        CandidateKey key = keys.get(candidateId).orElseThrow(() -> ProblemException.notFound("candidate", "No candidate "
                + candidateId + " to erase: the id is unknown, or the candidate was erased already."));
        CandidateErased erased = new CandidateErased(UUID.randomUUID().toString(), candidateId, requestedBy, clock.instant());
        List<ProducerRecord<String, Object>> tombstones = new ArrayList<>(List.of(
                IntakeRecords.record(Topics.CANDIDATE_KEYS.name(), candidateId, null),
                IntakeRecords.record(Topics.CANDIDATES.name(), candidateId, null),
                IntakeRecords.record(Topics.ERASURES.name(), candidateId, erased)));
        if (key.getApplicationId() != null) {
            tombstones.add(IntakeRecords.record(Topics.SELF_IDENTIFICATIONS.name(), key.getApplicationId(), null));
        }
        write(tombstones, "the erasure");
        keys.put(candidateId, null);
        return erased;
    }

    private static byte[] receiptsKey(String secret) {
        byte[] key;
        try {
            key = secret == null ? new byte[0] : java.util.Base64.getDecoder().decode(secret.strip());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < 32) {
            throw new io.micronaut.context.exceptions.ConfigurationException("INTAKE_RECEIPTS_SECRET must be a key of 32 bytes "
                    + "or more, base64 (the same on every intake instance; ops/hirestream up makes one per home): it keys "
                    + "the idempotency receipts, which must not be bare hashes of candidates' names and emails.");
        }
        return key;
    }

    /**
     * Starts writing an application: the applied event, the candidate and, with a key, the receipt,
     * in one transaction. A keyed write stays in flight until its outcome is known, even past its
     * request's timeout, so that a retry with the key never writes a second application. {@code hash}
     * is the request's hash for the receipt (null without a key). Another instance writing the same
     * keyed request at the same moment writes the same ids: screening decides once per application,
     * the funnel counts it once, the candidate's record is the same.
     */
    private Accepted startAccepting(Submission submission, Requisition requisition, String idempotencyKey, String hash) {
        // A keyed submission's ids follow from its key and body: two instances that take the same request at
        // the same moment (the per-JVM lock cannot see across them) write the same application, not two.
        IntakeRecords.Ids ids = idempotencyKey == null ? IntakeRecords.Ids.random() : IntakeRecords.Ids.of(idempotencyKey, hash);
        var now = clock.instant();
        ApplicationSubmitted applied = IntakeRecords.applied(ids, submission, requisition, now);
        List<ProducerRecord<String, Object>> records = new ArrayList<>();
        records.add(IntakeRecords.appliedRecord(applied));
        // The candidate's own data key, in the same transaction as what it seals.
        CandidateKey key = IntakeRecords.candidateKey(ids, Sealing.newKey(), now);
        records.add(IntakeRecords.record(Topics.CANDIDATE_KEYS.name(), ids.candidateId(), key));
        records.add(IntakeRecords.record(Topics.CANDIDATES.name(), ids.candidateId(), IntakeRecords.candidate(ids, submission, now, key)));
        if (submission.selfIdentification() != null) {
            // On its own topic only, which no stage service may read: never on the applied event.
            records.add(IntakeRecords.record(Topics.SELF_IDENTIFICATIONS.name(), ids.applicationId(),
                    IntakeRecords.selfIdentification(ids, submission.selfIdentification(), now)));
        }
        if (idempotencyKey == null) {
            TransactionalWriter.Write write = writer.write(records);
            write.done().thenRun(() -> keys.put(ids.candidateId(), key));
            return new Accepted(ids, write);
        }
        SubmissionReceipt receipt = IntakeRecords.receipt(idempotencyKey, hash, ids, now);
        int receiptIndex = records.size();
        records.add(IntakeRecords.record(Topics.SUBMISSION_RECEIPTS.name(), idempotencyKey, receipt));
        TransactionalWriter.Write write = writer.write(records);
        inFlight.put(idempotencyKey, write);
        write.done().whenComplete((committed, failure) -> {
            if (failure == null) {
                keys.put(ids.candidateId(), key);
                receipts.put(idempotencyKey, receipt);
                inFlight.remove(idempotencyKey, write);
            } else if (failure instanceof TransactionalWriter.OutcomeUnknownException unknown) {
                settle(idempotencyKey, write, receiptIndex, unknown.generation());
            } else {
                inFlight.remove(idempotencyKey, write);
            }
        });
        return new Accepted(ids, write);
    }

    /**
     * Settles a keyed write whose commit answer was lost; until then, retries with the key are told to
     * come back. First the writer moves on to a new producer, whose start fences the old one and has the
     * write's transaction decided (committed if its commit was under way, aborted otherwise). Then: if
     * the broker never acknowledged the receipt, the commit was never asked for and nothing was written;
     * if it did, the receipts view reads past the receipt's offset, which a read-committed reader can do
     * only once the transaction is decided there, holding the receipt exactly when it committed. Reading
     * "up to now" instead is not enough: a commit's markers reach its partitions one by one, and a
     * transaction can still be committing after the new producer's start (seen as a second application
     * written by a retry under a frozen broker).
     */
    private void settle(String idempotencyKey, TransactionalWriter.Write write, int receiptIndex, int generation) {
        if (writer.generation() <= generation) {
            timers.schedule(() -> settle(idempotencyKey, write, receiptIndex, generation), 200, TimeUnit.MILLISECONDS);
            return;
        }
        write.acknowledged(receiptIndex)
                .map(receipt -> receipts.readPast(new TopicPartition(receipt.topic(), receipt.partition()), receipt.offset()))
                .orElseGet(() -> CompletableFuture.completedFuture(null))
                .whenComplete((read, failure) -> inFlight.remove(idempotencyKey, write));
    }

    private CompletableFuture<IntakeRecords.Ids> answer(Accepted accepted) {
        return written(accepted.write(), "the application", accepted.ids().applicationId()).thenApply(done -> accepted.ids());
    }

    /** Writes records for a route that answers only once they are committed (requisitions, erasures: a few a day). */
    private void write(List<ProducerRecord<String, Object>> records, String what) {
        try {
            written(writer.write(records), what, null).join();
        } catch (CompletionException e) {
            throw (ProblemException) e.getCause();
        }
    }

    /**
     * The answer to a write, the truth about it: success only once committed; 503 only where surely
     * nothing was written (failed, or withdrawn before a transaction took it, as it is when the write
     * timeout passes first); 504 where the commit was asked for and its answer has not come in time.
     */
    private CompletableFuture<Void> written(TransactionalWriter.Write write, String what, String applicationId) {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        AtomicBoolean late = new AtomicBoolean();
        write.done().whenComplete((committed, failure) -> {
            if (failure == null) {
                answer.complete(null);
            } else if (failure instanceof TransactionalWriter.OutcomeUnknownException) {
                answer.completeExceptionally(outcomeUnknown(what, applicationId));
            } else if (late.get()) {
                answer.completeExceptionally(ProblemException.unavailable("Kafka did not take " + what + " within "
                        + writeTimeout.toSeconds() + " s; nothing was written. Retry in a moment."));
            } else {
                answer.completeExceptionally(ProblemException.unavailable("Kafka did not accept " + what + " ("
                        + failure.getMessage() + "); nothing was written. Retry in a moment."));
            }
        });
        ScheduledFuture<?> timeout = timers.schedule(() -> {
            late.set(true);
            // Withdrawn, it surely is not written (and the answer above says so); once a transaction has
            // taken it, only the commit's answer can tell.
            if (!write.withdraw()) {
                answer.completeExceptionally(outcomeUnknown(what, applicationId));
            }
        }, writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((done, failure) -> timeout.cancel(false));
        return answer;
    }

    private static ProblemException outcomeUnknown(String what, String applicationId) {
        return ProblemException.outcomeUnknown("Kafka has not said yet whether " + what
                + (applicationId == null ? "" : " (application " + applicationId + ")") + " was written. Retry with the"
                + " same Idempotency-Key: once the outcome is known it answers as the first request would have, and never"
                + " writes a second application.");
    }

    /** An application being written: its ids, and its write. */
    private record Accepted(IntakeRecords.Ids ids, TransactionalWriter.Write write) {
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }
}
