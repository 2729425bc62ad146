package io.hirestream.service.privacy;

import io.hirestream.events.CandidateKey;
import io.hirestream.serde.Buffers;
import io.hirestream.service.kafka.TopicFollower;
import io.hirestream.topics.Topics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every candidate's data key, followed from the key topic as it changes (a tombstone erases the
 * candidate): what intake needs to erase a candidate and interview to seal and open notes.
 *
 * <p>It holds one entry per candidate ever accepted and not erased, so it is kept small: the
 * candidate's id as a {@link UUID} (what intake makes them; any other id is kept as it is) and the
 * key, its time and its application packed into one byte array: about 170 bytes of heap a
 * candidate in three objects, where the decoded records took about 380 in ten (200,000 candidates
 * measured either way), so 1,000,000 candidates take about 170 MB. A key is decoded again only
 * when asked for: a few times a day for an erasure, once per note for interview. Hand-written
 * because no library the services carry keeps a map of records packed.
 */
public final class CandidateKeyring implements AutoCloseable {

    private static final byte NO_APPLICATION = 0;
    private static final byte APPLICATION_UUID = 1;
    private static final byte APPLICATION_TEXT = 2;

    private final Map<Object, byte[]> keys = new ConcurrentHashMap<>();
    private final TopicFollower<CandidateKey> follower;
    private volatile boolean caughtUp;

    /** A keyring that follows the key topic once {@link #start() started}. */
    public CandidateKeyring(Map<String, ?> clientConfigs) {
        this.follower = new TopicFollower<>(Topics.CANDIDATE_KEYS, clientConfigs, TopicFollower.From.BEGINNING,
                TopicFollower.Listener.of(this::put, () -> this.caughtUp = true));
    }

    public CandidateKeyring start() {
        follower.start();
        return this;
    }

    /** The candidate's key, if they have one (not erased, and known here). */
    public Optional<CandidateKey> get(String candidateId) {
        byte[] packed = keys.get(id(candidateId));
        return packed == null ? Optional.empty() : Optional.of(unpack(candidateId, packed));
    }

    /**
     * Records a candidate's key (null: erased), as written by this service before the keyring reads it
     * back, or as read from the topic. The same key again keeps the copy already held.
     */
    public void put(String candidateId, CandidateKey key) {
        Object id = id(candidateId);
        if (key == null) {
            keys.remove(id);
            return;
        }
        byte[] packed = pack(key);
        keys.merge(id, packed, (held, given) -> Arrays.equals(held, given) ? held : given);
    }

    /** True once the keyring has read what the topic held when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** How many candidates have a key. */
    public int size() {
        return keys.size();
    }

    /** True while the thread that follows the topic runs. */
    public boolean running() {
        return follower.running();
    }

    @Override
    public void close() {
        follower.close();
    }

    /** A UUID in its canonical form is kept as one: one small object instead of a string and its bytes. */
    private static Object id(String candidateId) {
        if (candidateId.length() == 36) {
            try {
                UUID uuid = UUID.fromString(candidateId);
                if (uuid.toString().equals(candidateId)) {
                    return uuid;
                }
            } catch (IllegalArgumentException notOne) {
                // kept as the string it is
            }
        }
        return candidateId;
    }

    // Packed: the data key's length (int) and bytes, the creation time (epoch millis), then what the application id is
    // (none, a UUID in 16 bytes, or any other id in its UTF-8 bytes to the end) and the id itself.
    private static byte[] pack(CandidateKey key) {
        byte[] dataKey = Buffers.copy(key.getDataKey());
        Object application = key.getApplicationId() == null ? null : id(key.getApplicationId());
        byte[] other = application instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
        ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + dataKey.length + Long.BYTES + 1
                        + (application instanceof UUID ? 2 * Long.BYTES : other.length))
                .putInt(dataKey.length).put(dataKey)
                .putLong(key.getCreatedAt().toEpochMilli());
        if (application instanceof UUID uuid) {
            out.put(APPLICATION_UUID).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        } else {
            out.put(application == null ? NO_APPLICATION : APPLICATION_TEXT).put(other);
        }
        return out.array();
    }

    private static CandidateKey unpack(String candidateId, byte[] packed) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        byte[] dataKey = new byte[in.getInt()];
        in.get(dataKey);
        Instant createdAt = Instant.ofEpochMilli(in.getLong());
        String applicationId = switch (in.get()) {
            case NO_APPLICATION -> null;
            case APPLICATION_UUID -> new UUID(in.getLong(), in.getLong()).toString();
            default -> new String(packed, in.position(), in.remaining(), StandardCharsets.UTF_8);
        };
        return new CandidateKey(candidateId, ByteBuffer.wrap(dataKey), createdAt, applicationId);
    }
}
