package io.hirestream.funnel.domain;

import java.util.Arrays;

/**
 * The counts of one funnel row (or of a part of one: the applications of one partition), kept
 * so that an application's contribution can be added and taken away again exactly. Every number
 * recruiters see is derived from these: reached, passed, rejected and active per stage, and the
 * time-to-stage sketches.
 *
 * <p>Updated by one stream thread and read by query threads, so every method holds the lock;
 * readers take a {@link #copy()}.
 */
public final class FunnelCounts {

    static final int STAGES = Stage.values().length;
    /** Index into passed and rejected: 0 for SCREENED, 1 for INTERVIEWED. */
    static final Stage[] DECIDING = {Stage.SCREENED, Stage.INTERVIEWED};
    /** Index into the sketches: 0 SCREENED, 1 INTERVIEWED, 2 OFFERED. */
    static final Stage[] TIMED = {Stage.SCREENED, Stage.INTERVIEWED, Stage.OFFERED};

    final long[] reached = new long[STAGES];
    final long[] passed = new long[DECIDING.length];
    final long[] rejected = new long[DECIDING.length];
    final long[] active = new long[STAGES];
    final DurationSketch[] timeToStage = {new DurationSketch(), new DurationSketch(), new DurationSketch()};

    /**
     * Adds one application's contribution (sign +1) or takes it away (sign -1), following the
     * funnel semantics: with F its furthest stage,
     * reached[S] for S &lt;= F; passed[S] where its event at S is PASSED or F &gt; S;
     * rejected[S] where F = S and its event at S is REJECTED; active[S] where F = S and it is not
     * rejected; time to S where it has both an applied event and an event at S.
     */
    public void add(ApplicationState application, int sign) {
        add(application, sign, true);
    }

    /** As {@link #add(ApplicationState, int)}; without its times where {@code timed} is false (no percentiles wanted). */
    public void add(ApplicationState application, int sign, boolean timed) {
        add(Contribution.of(application), sign, timed);
    }

    /** As {@link #add(ApplicationState, int, boolean)}, with what the application adds worked out beforehand. */
    public synchronized void add(Contribution contribution, int sign, boolean timed) {
        addCounts(contribution, sign);
        for (int t = 0; timed && t < TIMED.length; t++) {
            int bucket = contribution.timeBuckets[t];
            if (bucket != Contribution.UNTIMED) {
                timeToStage[t].adjustBucket(bucket, sign);
            }
        }
    }

    /**
     * Takes one contribution of an application out and puts another in, for a row it counts in
     * before and after an event: as {@code add(before, -1, timed)} then {@code add(after, 1, timed)},
     * without touching the sketch of a stage whose time the event left as it was (an event
     * usually adds one stage's time and changes no other).
     */
    public synchronized void replace(Contribution before, Contribution after, boolean timed) {
        addCounts(before, -1);
        addCounts(after, 1);
        for (int t = 0; timed && t < TIMED.length; t++) {
            int out = before.timeBuckets[t];
            int in = after.timeBuckets[t];
            if (out != in) {
                if (out != Contribution.UNTIMED) {
                    timeToStage[t].adjustBucket(out, -1);
                }
                if (in != Contribution.UNTIMED) {
                    timeToStage[t].adjustBucket(in, 1);
                }
            }
        }
    }

    private void addCounts(Contribution contribution, int sign) {
        int f = contribution.furthest;
        if (f < 0) {
            return;
        }
        for (int s = 0; s <= f; s++) {
            reached[s] += sign;
        }
        for (int d = 0; d < DECIDING.length; d++) {
            if (contribution.passed[d]) {
                passed[d] += sign;
            }
        }
        if (contribution.rejectedAt >= 0) {
            rejected[contribution.rejectedAt] += sign;
        } else {
            active[f] += sign;
        }
    }

    /**
     * What one application adds to the counts of every row it counts in, following the funnel
     * semantics: with F its furthest stage, reached[S] for S &lt;= F; passed[S] where its event at
     * S is PASSED or F &gt; S; rejected[S] where F = S and its event at S is REJECTED; active[S]
     * where F = S and it is not rejected; time to S where it has both an applied event and an
     * event at S. Worked out once per application, then added to each of its rows and slices.
     */
    public static final class Contribution {

        static final int UNTIMED = Integer.MIN_VALUE;

        /** The furthest stage's index, -1 for none (the application counts nowhere). */
        final int furthest;
        /** By deciding stage (SCREENED, INTERVIEWED): whether it counts as passed. */
        final boolean[] passed = new boolean[DECIDING.length];
        /** The deciding stage's index it is rejected at (its furthest), -1 for none. */
        final int rejectedAt;
        /** By timed stage: the sketch bucket of its time to the stage, {@link #UNTIMED} for none. */
        final int[] timeBuckets = new int[TIMED.length];

        private Contribution(ApplicationState application) {
            Stage stage = application.furthest();
            furthest = stage == null ? -1 : stage.ordinal();
            int rejected = -1;
            for (int d = 0; d < DECIDING.length && furthest >= 0; d++) {
                ApplicationState.StageRecord record = application.at(DECIDING[d]);
                Decision decision = record == null ? Decision.NONE : record.decision();
                passed[d] = decision == Decision.PASSED || furthest > DECIDING[d].ordinal();
                if (furthest == DECIDING[d].ordinal() && decision == Decision.REJECTED) {
                    rejected = d;
                }
            }
            rejectedAt = rejected;
            for (int t = 0; t < TIMED.length; t++) {
                long millis = furthest < 0 ? -1 : application.millisToStage(TIMED[t]);
                timeBuckets[t] = millis >= 0 ? DurationSketch.bucketFor(millis) : UNTIMED;
            }
        }

        public static Contribution of(ApplicationState application) {
            return new Contribution(application);
        }
    }

    /** Adds every count of another (sign +1), or takes them away (sign -1). */
    public synchronized void merge(FunnelCounts other, int sign) {
        mergeUnchanging(other.copy(), sign);
    }

    /**
     * As {@link #merge}, without first copying the other counts: for counts no other thread changes
     * meanwhile (one the caller alone holds, as a part the rows step has just read, or
     * {@link FunnelView}'s under its lock), which saves copying every sketch on every change.
     */
    public synchronized void mergeUnchanging(FunnelCounts source, int sign) {
        for (int s = 0; s < STAGES; s++) {
            reached[s] += sign * source.reached[s];
            active[s] += sign * source.active[s];
        }
        for (int d = 0; d < DECIDING.length; d++) {
            passed[d] += sign * source.passed[d];
            rejected[d] += sign * source.rejected[d];
        }
        for (int t = 0; t < TIMED.length; t++) {
            timeToStage[t].merge(source.timeToStage[t], sign);
        }
    }

    /**
     * Makes these counts equal to others, in place (see {@link DurationSketch#copyFrom}); for an
     * owner that guarantees no thread changes the others meanwhile, as {@link #mergeUnchanging}.
     */
    synchronized void copyFromUnchanging(FunnelCounts source) {
        copyCountsFrom(source);
        for (int t = 0; t < TIMED.length; t++) {
            timeToStage[t].copyFrom(source.timeToStage[t]);
        }
    }

    /** The counts by stage and by deciding stage of another, into these; the sketches are the caller's. */
    private void copyCountsFrom(FunnelCounts source) {
        System.arraycopy(source.reached, 0, reached, 0, STAGES);
        System.arraycopy(source.active, 0, active, 0, STAGES);
        System.arraycopy(source.passed, 0, passed, 0, DECIDING.length);
        System.arraycopy(source.rejected, 0, rejected, 0, DECIDING.length);
    }

    /** Rebuilds counts from their parts, in stage order (passed and rejected: SCREENED, INTERVIEWED). */
    public static FunnelCounts restore(long[] reached, long[] passed, long[] rejected, long[] active, DurationSketch[] timeToStage) {
        FunnelCounts counts = new FunnelCounts();
        System.arraycopy(reached, 0, counts.reached, 0, STAGES);
        System.arraycopy(active, 0, counts.active, 0, STAGES);
        System.arraycopy(passed, 0, counts.passed, 0, DECIDING.length);
        System.arraycopy(rejected, 0, counts.rejected, 0, DECIDING.length);
        System.arraycopy(timeToStage, 0, counts.timeToStage, 0, TIMED.length);
        return counts;
    }

    /**
     * Hands the parts, as {@link #restore} takes them, to a consumer, under the lock, so the parts
     * agree: the counts' own arrays and sketches, not copies (serializing a part copied every
     * sketch of it: a twentieth of what the stream thread allocated under bench queries), so the
     * consumer reads them there and then, and neither keeps nor changes them.
     */
    public synchronized void export(Exporter exporter) {
        exporter.export(reached, passed, rejected, active, timeToStage);
    }

    /** Receives the parts of counts, to read while {@link #export} runs. */
    @FunctionalInterface
    public interface Exporter {
        void export(long[] reached, long[] passed, long[] rejected, long[] active, DurationSketch[] timeToStage);
    }

    public synchronized FunnelCounts copy() {
        FunnelCounts copy = new FunnelCounts();
        copy.copyCountsFrom(this);
        for (int t = 0; t < TIMED.length; t++) {
            copy.timeToStage[t] = timeToStage[t].copy();
        }
        return copy;
    }

    /**
     * What a row shows of these counts, taken under their lock: the counts, and each timed stage's
     * percentiles read off its sketch in place. Copying the sketches for a page instead allocated
     * most of what a funnel instance allocates while it answers pages, and made its collections
     * frequent.
     */
    synchronized Shown shown() {
        FunnelRow.Percentiles[] times = new FunnelRow.Percentiles[TIMED.length];
        for (int t = 0; t < TIMED.length; t++) {
            times[t] = FunnelRow.Percentiles.of(timeToStage[t]);
        }
        return new Shown(reached.clone(), passed.clone(), rejected.clone(), active.clone(), times);
    }

    /** Counts as {@link #shown()} takes them: by stage, passed and rejected by deciding stage, percentiles by timed stage. */
    record Shown(long[] reached, long[] passed, long[] rejected, long[] active, FunnelRow.Percentiles[] times) {
    }

    public synchronized boolean isEmpty() {
        return reached[0] == 0;
    }

    public synchronized long reached(Stage stage) {
        return reached[stage.ordinal()];
    }

    public synchronized long active(Stage stage) {
        return active[stage.ordinal()];
    }

    public synchronized long passed(Stage stage) {
        return passed[decidingIndex(stage)];
    }

    public synchronized long rejected(Stage stage) {
        return rejected[decidingIndex(stage)];
    }

    private static int decidingIndex(Stage stage) {
        if (!stage.decides()) {
            throw new IllegalArgumentException(stage + " decides nothing");
        }
        return stage == Stage.SCREENED ? 0 : 1;
    }

    @Override
    public synchronized boolean equals(Object other) {
        if (!(other instanceof FunnelCounts that)) {
            return false;
        }
        FunnelCounts theirs = that.copy();
        return Arrays.equals(reached, theirs.reached) && Arrays.equals(passed, theirs.passed)
                && Arrays.equals(rejected, theirs.rejected) && Arrays.equals(active, theirs.active)
                && Arrays.equals(timeToStage, theirs.timeToStage);
    }

    @Override
    public synchronized int hashCode() {
        return Arrays.hashCode(reached) * 31 + Arrays.hashCode(active);
    }

    @Override
    public synchronized String toString() {
        return "FunnelCounts{reached=" + Arrays.toString(reached) + ", passed=" + Arrays.toString(passed)
                + ", rejected=" + Arrays.toString(rejected) + ", active=" + Arrays.toString(active) + "}";
    }
}
