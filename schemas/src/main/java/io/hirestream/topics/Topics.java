package io.hirestream.topics;

import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Candidate;
import io.hirestream.events.CandidateErased;
import io.hirestream.events.CandidateKey;
import io.hirestream.events.FunnelCohortMetrics;
import io.hirestream.events.FunnelFairness;
import io.hirestream.events.FunnelMetrics;
import io.hirestream.events.InterviewCompleted;
import io.hirestream.events.InterviewFeedback;
import io.hirestream.events.OfferDecision;
import io.hirestream.events.OfferExtended;
import io.hirestream.events.Requisition;
import io.hirestream.events.SelfIdentification;
import io.hirestream.events.SubmissionReceipt;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.hirestream.topics.Principal.ANALYTICS;
import static io.hirestream.topics.Principal.FUNNEL;
import static io.hirestream.topics.Principal.INTAKE;
import static io.hirestream.topics.Principal.INTERVIEW;
import static io.hirestream.topics.Principal.OFFER;
import static io.hirestream.topics.Principal.SCREENING;

/**
 * The catalogue of hirestream's topics. Services, tools and tests take names, serdes and
 * declarations from here; the names appear nowhere else.
 */
public final class Topics {

    /** Application events are the system of record: the funnel is rebuilt by replaying them. */
    private static final Map<String, String> KEPT_FOREVER = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    private static final Map<String, String> COMPACTED = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    /**
     * Erased contact details must actually leave the log: segments roll daily and compaction is
     * forced within a week, after which a tombstone is kept for a day.
     */
    private static final Map<String, String> COMPACTED_AND_ERASABLE = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.SEGMENT_MS_CONFIG, millis(Duration.ofDays(1)),
            TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, millis(Duration.ofDays(7)),
            TopicConfig.DELETE_RETENTION_MS_CONFIG, millis(Duration.ofDays(1)));

    /** Receipts only need to outlive a client's retries: a week, compacted to the latest per key. */
    private static final Map<String, String> RECEIPTS = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, millis(Duration.ofDays(7)));

    private static final Map<String, String> DEAD_LETTERS = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, millis(Duration.ofDays(30)));

    public static final Topic<String, Requisition> REQUISITIONS = new Topic<>(
            "hiring.requisitions.v1", Serdes.String(), Requisition.class, "intake", readers(INTAKE, SCREENING, INTERVIEW, OFFER), COMPACTED,
            "Requisitions by requisitionId; the latest value is the current state.");

    public static final Topic<String, Candidate> CANDIDATES = new Topic<>(
            "hiring.candidates.v1", Serdes.String(), Candidate.class, "intake", readers(INTAKE), COMPACTED_AND_ERASABLE,
            "Candidates' contact details by candidateId: the only place personal data lives.");

    public static final Topic<String, CandidateKey> CANDIDATE_KEYS = new Topic<>(
            "hiring.candidate-keys.v1", Serdes.String(), CandidateKey.class, "intake", readers(INTAKE, INTERVIEW), COMPACTED_AND_ERASABLE,
            "Each candidate's data key, by candidateId: what seals their contact details and the notes about them. "
                    + "A tombstone erases the candidate everywhere (crypto-shredding).");

    public static final Topic<String, CandidateErased> ERASURES = new Topic<>(
            "hiring.erasures.v1", Serdes.String(), CandidateErased.class, "intake", readers(), KEPT_FOREVER,
            "One record per erasure, by candidateId: who asked and when, no personal data.");

    public static final Topic<String, SelfIdentification> SELF_IDENTIFICATIONS = new Topic<>(
            "hiring.eeo.v1", Serdes.String(), SelfIdentification.class, "intake", readers(FUNNEL), COMPACTED_AND_ERASABLE,
            "Candidates' voluntary self-identification (EEO-1 categories), by applicationId: read by the funnel alone, "
                    + "to count selection rates by group; never shown per person. A tombstone erases it with the candidate.");

    public static final Topic<String, ApplicationSubmitted> APPLIED = new Topic<>(
            "hiring.applications.applied.v1", Serdes.String(), ApplicationSubmitted.class, "intake", readers(SCREENING, OFFER, FUNNEL, ANALYTICS), KEPT_FOREVER,
            "The applied stage, by applicationId.");

    public static final Topic<String, ApplicationScreened> SCREENED = new Topic<>(
            "hiring.applications.screened.v1", Serdes.String(), ApplicationScreened.class, "screening", readers(INTERVIEW, FUNNEL, ANALYTICS), KEPT_FOREVER,
            "The screened stage, by applicationId.");

    public static final Topic<String, InterviewCompleted> INTERVIEWED = new Topic<>(
            "hiring.applications.interviewed.v1", Serdes.String(), InterviewCompleted.class, "interview", readers(OFFER, FUNNEL, ANALYTICS), KEPT_FOREVER,
            "The interviewed stage, by applicationId.");

    public static final Topic<String, OfferExtended> OFFERED = new Topic<>(
            "hiring.applications.offered.v1", Serdes.String(), OfferExtended.class, "offer", readers(FUNNEL, ANALYTICS), KEPT_FOREVER,
            "The offered stage, by applicationId.");

    public static final Topic<String, FunnelMetrics> FUNNEL_METRICS = new Topic<>(
            "hiring.funnel.metrics.v1", Serdes.String(), FunnelMetrics.class, "funnel", readers(FUNNEL, ANALYTICS), COMPACTED,
            "The whole current funnel row per (role, location), keyed by the JSON array [role, location].");

    public static final Topic<String, FunnelCohortMetrics> FUNNEL_COHORTS = new Topic<>(
            "hiring.funnel.cohorts.v1", Serdes.String(), FunnelCohortMetrics.class, "funnel", readers(FUNNEL, ANALYTICS), COMPACTED,
            "The whole current funnel row per cohort of each (role, location): its applications of one week, or of one source; "
                    + "keyed by the JSON array [role, location, dimension, group].");

    public static final Topic<String, FunnelFairness> FUNNEL_FAIRNESS = new Topic<>(
            "hiring.funnel.fairness.v1", Serdes.String(), FunnelFairness.class, "funnel", readers(FUNNEL, ANALYTICS), COMPACTED,
            "The counts of the adverse-impact check per (role, location) and grouping, keyed by the JSON array "
                    + "[role, location, dimension]: aggregates only, small groups suppressed.");

    public static final Topic<byte[], byte[]> DEAD_LETTERS_TOPIC = new Topic<>(
            "hiring.deadletter.v1", Serdes.ByteArray(), null, Topic.ANY_WRITER, readers(), DEAD_LETTERS,
            "Records a service could not process: the original key and value bytes, with headers saying why.");

    public static final Topic<String, byte[]> DEAD_LETTERS_REDRIVEN = new Topic<>(
            "hiring.deadletter.redriven.v1", Serdes.String(), null, "ops", readers(), COMPACTED,
            "Dead letters sent back to their source topic, by source topic/partition/offset, so none is sent twice.");

    public static final Topic<String, SubmissionReceipt> SUBMISSION_RECEIPTS = new Topic<>(
            "hiring.intake.receipts.v1", Serdes.String(), SubmissionReceipt.class, "intake", readers(INTAKE), RECEIPTS,
            "What intake answered to each submission with an Idempotency-Key, by key, for a week.");

    public static final Topic<String, InterviewFeedback> INTERVIEW_FEEDBACK = new Topic<>(
            "hiring.interview.feedback.v1", Serdes.String(), InterviewFeedback.class, "interview", readers(INTERVIEW), KEPT_FOREVER,
            "Interviewers' feedback per round, by applicationId: the input the interview loops are decided from.");

    public static final Topic<String, OfferDecision> OFFER_DECISIONS = new Topic<>(
            "hiring.offer.decisions.v1", Serdes.String(), OfferDecision.class, "offer", readers(OFFER), KEPT_FOREVER,
            "Recruiters' decisions on drafted offers, by applicationId.");

    /** The four stage topics, in funnel order. They are co-partitioned: same key, same partition count. */
    public static final List<Topic<String, ?>> APPLICATION_EVENTS = List.of(APPLIED, SCREENED, INTERVIEWED, OFFERED);

    private static final List<Topic<?, ?>> ALL = List.of(
            REQUISITIONS, CANDIDATES, CANDIDATE_KEYS, ERASURES, SELF_IDENTIFICATIONS, APPLIED, SCREENED, INTERVIEWED, OFFERED, FUNNEL_METRICS, FUNNEL_COHORTS, FUNNEL_FAIRNESS, DEAD_LETTERS_TOPIC,
            DEAD_LETTERS_REDRIVEN, SUBMISSION_RECEIPTS, INTERVIEW_FEEDBACK, OFFER_DECISIONS);

    private Topics() {
    }

    private static Set<Principal> readers(Principal... principals) {
        return Set.of(principals);
    }

    /** Every topic hirestream provisions, in a stable order. */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /** The topics whose values are Avro, one registry subject each. */
    public static List<Topic<?, ?>> withAvroValues() {
        return ALL.stream().filter(Topic::hasAvroValues).toList();
    }

    public static Serde<String> keys() {
        return Serdes.String();
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
