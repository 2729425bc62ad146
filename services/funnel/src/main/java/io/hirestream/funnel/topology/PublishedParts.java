package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowKey;

/**
 * Every partition's published parts of the rows, as the rows step keeps them ({@code funnel-row-parts},
 * one entry per row and partition) and as its changelog topic carries them: committed, compacted,
 * readable from the start by any instance. An instance follows that topic to count the partitions
 * whose tasks run elsewhere (see {@link FunnelView}).
 */
public final class PublishedParts {

    private static final char SEPARATOR = '\u0000';

    private PublishedParts() {
    }

    /**
     * The changelog topic of the row parts: Kafka Streams names a store's changelog
     * {@code <application.id>-<store>-changelog}.
     */
    public static String changelog(String applicationId) {
        return applicationId + "-" + FunnelTopology.ROW_PARTS_STORE + "-changelog";
    }

    /** Hands one changelog record (a tombstone as null) to the view. */
    public static void replicate(FunnelView view, String key, byte[] value) {
        int separator = key.lastIndexOf(SEPARATOR);
        RowKey row = RowKey.parse(key.substring(0, separator));
        int partition = Integer.parseInt(key.substring(separator + 1));
        FunnelCounts counts = value == null ? null : StateSerdes.counts().deserializer().deserialize(null, value);
        view.replicate(partition, row, counts);
    }

    /** The store's key of one partition's part of a row (the row as the metrics topic keys it). */
    static String key(String row, int partition) {
        return row + SEPARATOR + partition;
    }

    /** The row of a store key. */
    static String rowOf(String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }
}
