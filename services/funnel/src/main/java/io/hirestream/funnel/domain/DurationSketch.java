package io.hirestream.funnel.domain;

import java.util.Arrays;

/**
 * Percentiles of durations within a fixed relative error, with exact retraction: values fall into
 * logarithmic buckets (the DDSketch mapping, relative accuracy {@value #RELATIVE_ACCURACY}), and a
 * bucket is only a count, so removing a value is decrementing its bucket. That is what the funnel
 * needs when a later-arriving earlier event displaces one already counted, and why it keeps this
 * structure instead of a sketch that can only grow (t-digest, HdrHistogram's recorders).
 *
 * <p>Percentiles are by nearest rank: p of n values is the value at rank ceil(p * n). The rank is
 * found exactly from the counts; the value returned is within {@value #RELATIVE_ACCURACY} of the
 * true value, rounded to whole milliseconds, which keeps it within 1% of the exact percentile.
 * Zero (and negative durations, clamped) is counted exactly.
 *
 * <p>Mutable and not thread-safe; {@link FunnelCounts} guards it.
 */
public final class DurationSketch {

    public static final double RELATIVE_ACCURACY = 0.004;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private long zeros;
    private long count;
    /**
     * The buckets that hold or held values, in increasing index order: {@code size} of them, bucket
     * {@code indexes[i]} holding {@code counts[i]} values (0 for one that emptied). Sparse, because
     * most sketches (a partition's part of a row, a small row) hold a few values spread over hundreds
     * of buckets.
     */
    private int[] indexes = new int[0];
    private long[] counts = new long[0];
    private int size;

    public long count() {
        return count;
    }

    public void add(long millis) {
        adjust(millis, 1);
    }

    public void remove(long millis) {
        adjust(millis, -1);
    }

    /** Adds (or, with a negative count, retracts) a value. */
    public void adjust(long millis, long by) {
        adjustBucket(bucketFor(millis), by);
    }

    /** Adds to (or, with a negative count, takes from) the bucket of {@link #bucketFor}: for a value added to many sketches. */
    void adjustBucket(int index, long by) {
        count += by;
        if (index < 0) {
            zeros += by;
        } else {
            addToBucket(index, by);
        }
    }

    /** Adds every value of another sketch (or retracts them, with sign -1). */
    public void merge(DurationSketch other, int sign) {
        zeros += sign * other.zeros;
        count += sign * other.count;
        for (int i = 0; i < other.size; i++) {
            addToBucket(other.indexes[i], sign * other.counts[i]);
        }
    }

    /** The value at nearest rank ceil(q * count), or -1 when the sketch is empty. */
    public long quantile(double q) {
        if (count <= 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = zeros;
        if (seen >= rank) {
            return 0;
        }
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.round(representative(indexes[i]));
            }
        }
        throw new IllegalStateException("counts do not add up to " + count);
    }

    public DurationSketch copy() {
        DurationSketch copy = new DurationSketch();
        copy.zeros = zeros;
        copy.count = count;
        int held = 0;
        for (int i = 0; i < size; i++) {
            if (counts[i] != 0) {
                held++;
            }
        }
        copy.indexes = new int[held];
        copy.counts = new long[held];
        for (int i = 0, j = 0; i < size; i++) {
            if (counts[i] != 0) {
                copy.indexes[j] = indexes[i];
                copy.counts[j++] = counts[i];
            }
        }
        copy.size = held;
        return copy;
    }

    /**
     * Makes this sketch hold exactly what another holds, in the arrays it already has where they
     * are large enough: for a sketch kept for long and replaced often (a published part), so that
     * what replaces it dies young instead of every replaced sketch outliving a few collections.
     */
    void copyFrom(DurationSketch other) {
        zeros = other.zeros;
        count = other.count;
        if (indexes.length < other.size) {
            indexes = new int[other.size];
            counts = new long[other.size];
        }
        System.arraycopy(other.indexes, 0, indexes, 0, other.size);
        System.arraycopy(other.counts, 0, counts, 0, other.size);
        size = other.size;
    }

    /** Calls back with each non-empty bucket as (bucket index, count); bucket index -1 is zero. */
    public void forEachBucket(BucketVisitor visitor) {
        if (zeros != 0) {
            visitor.visit(-1, zeros);
        }
        for (int i = 0; i < size; i++) {
            if (counts[i] != 0) {
                visitor.visit(indexes[i], counts[i]);
            }
        }
    }

    /** Restores a bucket written by {@link #forEachBucket}. */
    public void restoreBucket(int index, long bucketCount) {
        adjustBucket(index, bucketCount);
    }

    /** The bucket of a value: -1 for zero (and negative durations, clamped). */
    static int bucketFor(long millis) {
        return millis <= 0 ? -1 : bucketOf(millis);
    }

    static int bucketOf(long millis) {
        return (int) Math.ceil(Math.log(millis) / LOG_GAMMA);
    }

    static double representative(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    /** Adds to a bucket's count, inserting the bucket where new and dropping it where it empties. */
    private void addToBucket(int index, long by) {
        if (by == 0) {
            return;
        }
        int at = Arrays.binarySearch(indexes, 0, size, index);
        if (at >= 0) {
            // A bucket that empties stays (until a copy): a part taken out of a sum and put back in, as
            // the rows step does for every part it receives, must not shift the arrays twice per bucket.
            counts[at] += by;
            return;
        }
        int insert = -at - 1;
        if (size == indexes.length) {
            int capacity = Math.max(4, size + size / 2);
            indexes = Arrays.copyOf(indexes, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
        System.arraycopy(indexes, insert, indexes, insert + 1, size - insert);
        System.arraycopy(counts, insert, counts, insert + 1, size - insert);
        indexes[insert] = index;
        counts[insert] = by;
        size++;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DurationSketch sketch) || sketch.count != count || sketch.zeros != zeros) {
            return false;
        }
        long[] mine = new long[1];
        boolean[] same = {true};
        forEachBucket((index, bucketCount) -> {
            if (index >= 0 && sketch.countOf(index) != bucketCount) {
                same[0] = false;
            }
            mine[0]++;
        });
        long[] theirs = new long[1];
        sketch.forEachBucket((index, bucketCount) -> theirs[0]++);
        return same[0] && mine[0] == theirs[0];
    }

    private long countOf(int index) {
        int at = Arrays.binarySearch(indexes, 0, size, index);
        return at >= 0 ? counts[at] : 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Long.hashCode(zeros);
    }

    /** A receiver of buckets. */
    @FunctionalInterface
    public interface BucketVisitor {
        void visit(int index, long count);
    }
}
