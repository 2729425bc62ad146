package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.ApplicationEvent;
import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.ApplicationState.StageRecord;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Declaration;
import io.hirestream.funnel.domain.DurationSketch;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;


/** Serdes of the funnel's own state and internal records, on {@link Binary}'s encoding. */
final class StateSerdes {

    private static final int VERSION = 1;
    /**
     * Applications and stage events since they carry the applied event's source (version 1 reads as
     * "no source"); an application's state may end in the candidate's declaration.
     */
    private static final int WITH_SOURCE = 2;
    /** A candidate's declaration on its way to its application's partition. */
    private static final int DECLARATION = 3;

    private StateSerdes() {
    }

    /**
     * Application ids as store keys: a canonical UUID (nearly all of them) in 17 bytes instead of
     * 36, anything else as its UTF-8 text. Half the key bytes of every RocksDB entry and
     * changelog record.
     */
    static Serde<String> applicationId() {
        return serde(id -> {
            java.util.UUID uuid = Binary.canonicalUuid(id);
            Binary.Writer out = Binary.Writer.reused();
            if (uuid != null) {
                out.writeByte(1).writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits());
            } else {
                out.writeByte(0).writeString(id);
            }
            return out.toBytes();
        }, bytes -> new Binary.Reader(bytes).readEventId());
    }

    static Serde<ApplicationState> applicationState() {
        return serde(StateSerdes::writeApplication, StateSerdes::readApplication);
    }

    /** As {@link #applicationState()}, leaving out what the candidate declared. */
    static Serde<ApplicationState> applicationStateUndeclared() {
        return serde(state -> writeApplication(state.with(Declaration.NONE)), StateSerdes::readApplication);
    }

    static Serde<FunnelCounts> counts() {
        return serde(counts -> {
            Binary.Writer out = Binary.Writer.reused().writeByte(VERSION);
            writeCounts(out, counts);
            return out.toBytes();
        }, bytes -> {
            Binary.Reader in = new Binary.Reader(bytes);
            requireVersion(in);
            return readCounts(in);
        });
    }

    static Serde<PartialRow> partialRow() {
        return serde(partial -> {
            Binary.Writer out = Binary.Writer.reused().writeByte(VERSION).writeVarLong(partial.partition());
            writeCounts(out, partial.counts());
            return out.toBytes();
        }, bytes -> {
            Binary.Reader in = new Binary.Reader(bytes);
            requireVersion(in);
            int partition = (int) in.readVarLong();
            return new PartialRow(partition, readCounts(in));
        });
    }

    /** Events on their way to the task that owns their application (see {@link OnOwnerPartition}). */
    static Serde<ApplicationEvent> applicationEvent() {
        return serde(event -> switch (event) {
            case StageEvent stage -> writeSource(Binary.Writer.reused().writeByte(WITH_SOURCE).writeEventId(stage.eventId())
                    .writeEventId(stage.applicationId()).writeByte(stage.stage().ordinal()).writeString(stage.role())
                    .writeString(stage.location()).writeVarLong(stage.occurredAt()).writeByte(stage.decision().ordinal()),
                    stage.source()).toBytes();
            case Declaration declaration -> writeDeclaration(Binary.Writer.reused().writeByte(DECLARATION), declaration).toBytes();
        }, bytes -> {
            Binary.Reader in = new Binary.Reader(bytes);
            int version = requireVersion(in, VERSION, DECLARATION);
            if (version == DECLARATION) {
                return readDeclaration(in);
            }
            return new StageEvent(in.readEventId(), in.readEventId(), Stage.of(in.readByte()), in.readString(),
                    in.readString(), in.readVarLong(), Decision.of(in.readByte()), version == WITH_SOURCE ? readSource(in) : null);
        });
    }

    private static Binary.Writer writeDeclaration(Binary.Writer out, Declaration declaration) {
        return out.writeString(declaration.sex()).writeString(declaration.raceEthnicity()).writeString(declaration.veteran())
                .writeString(declaration.disability());
    }

    private static Declaration readDeclaration(Binary.Reader in) {
        return new Declaration(in.readString().intern(), in.readString().intern(), in.readString().intern(),
                in.readString().intern());
    }

    private static byte[] writeApplication(ApplicationState state) {
        Binary.Writer out = Binary.Writer.reused().writeByte(WITH_SOURCE);
        int mask = 0;
        for (Stage stage : Stage.IN_ORDER) {
            if (state.at(stage) != null) {
                mask |= 1 << stage.ordinal();
            }
        }
        out.writeByte(mask);
        StageRecord previous = null;
        for (Stage stage : Stage.IN_ORDER) {
            StageRecord record = state.at(stage);
            if (record == null) {
                continue;
            }
            out.writeEventId(record.eventId()).writeVarLong(record.occurredAt()).writeByte(record.decision().ordinal());
            // Every event of an application carries the same role and location: write them once.
            boolean same = previous != null && previous.role().equals(record.role())
                    && previous.location().equals(record.location());
            out.writeByte(same ? 1 : 0);
            if (!same) {
                out.writeString(record.role()).writeString(record.location());
            }
            if (stage == Stage.APPLIED) {
                writeSource(out, record.source());
            }
            previous = record;
        }
        if (state.declared() != null) {
            writeDeclaration(out.writeByte(1), state.declared());
        }
        return out.toBytes();
    }

    private static ApplicationState readApplication(byte[] bytes) {
        Binary.Reader in = new Binary.Reader(bytes);
        boolean withSource = requireVersion(in, VERSION, WITH_SOURCE) == WITH_SOURCE;
        int mask = in.readByte();
        StageRecord[] records = new StageRecord[Stage.IN_ORDER.size()];
        StageRecord previous = null;
        for (Stage stage : Stage.IN_ORDER) {
            if ((mask & (1 << stage.ordinal())) == 0) {
                continue;
            }
            String eventId = in.readEventId();
            long occurredAt = in.readVarLong();
            Decision decision = Decision.of(in.readByte());
            boolean same = in.readByte() == 1;
            String role = same ? previous.role() : in.readString();
            String location = same ? previous.location() : in.readString();
            String source = withSource && stage == Stage.APPLIED ? readSource(in) : null;
            previous = new StageRecord(eventId, occurredAt, decision, role, location, source);
            records[stage.ordinal()] = previous;
        }
        Declaration declared = withSource && in.hasMore() && in.readByte() == 1 ? readDeclaration(in) : null;
        return ApplicationState.of(records, declared);
    }

    private static void writeCounts(Binary.Writer out, FunnelCounts counts) {
        counts.export((reached, passed, rejected, active, sketches) -> {
            for (long[] values : new long[][]{reached, passed, rejected, active}) {
                for (long value : values) {
                    out.writeVarLong(value);
                }
            }
            for (DurationSketch sketch : sketches) {
                int[] buckets = {0};
                sketch.forEachBucket((index, count) -> buckets[0]++);
                out.writeVarLong(buckets[0]);
                sketch.forEachBucket((index, count) -> out.writeVarLong(index).writeVarLong(count));
            }
        });
    }

    private static FunnelCounts readCounts(Binary.Reader in) {
        long[] reached = readLongs(in, Stage.values().length);
        long[] passed = readLongs(in, 2);
        long[] rejected = readLongs(in, 2);
        long[] active = readLongs(in, Stage.values().length);
        DurationSketch[] sketches = new DurationSketch[3];
        for (int t = 0; t < sketches.length; t++) {
            sketches[t] = new DurationSketch();
            long buckets = in.readVarLong();
            for (long b = 0; b < buckets; b++) {
                sketches[t].restoreBucket((int) in.readVarLong(), in.readVarLong());
            }
        }
        return FunnelCounts.restore(reached, passed, rejected, active, sketches);
    }

    private static long[] readLongs(Binary.Reader in, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readVarLong();
        }
        return values;
    }

    private static void requireVersion(Binary.Reader in) {
        requireVersion(in, VERSION, VERSION);
    }

    /** The version read, between the oldest and newest this build reads. */
    private static int requireVersion(Binary.Reader in, int oldest, int newest) {
        int version = in.readByte();
        if (version < oldest || version > newest) {
            throw new IllegalStateException("funnel state of version " + version + ", this build reads " + oldest
                    + (newest == oldest ? "" : " to " + newest) + ": rebuild the funnel (ops/hirestream funnel rebuild)");
        }
        return version;
    }

    /** A source is one of a handful of names, or none: a flag byte, then the name. */
    private static Binary.Writer writeSource(Binary.Writer out, String source) {
        return source == null ? out.writeByte(0) : out.writeByte(1).writeString(source);
    }

    private static String readSource(Binary.Reader in) {
        return in.readByte() == 0 ? null : in.readString().intern();
    }

    private static <T> Serde<T> serde(java.util.function.Function<T, byte[]> write, java.util.function.Function<byte[], T> read) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : write.apply(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read.apply(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
