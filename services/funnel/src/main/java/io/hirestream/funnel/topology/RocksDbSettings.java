package io.hirestream.funnel.topology;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

import java.util.Map;

/**
 * RocksDB settings for the funnel's store on disk, its applications
 * ({@value FunnelTopology#APPLICATIONS_STORE}): one look-up per event, and about half the look-ups
 * find nothing (the event is its application's first: 962,116 applications in the benchmark's
 * 2,000,000 events). RocksDB answers a missing key from its memtables only after searching each
 * memtable's skip list, half of a look-up's time in a profile of the funnel catching up; a bloom
 * filter over each memtable's keys answers most of those at once.
 */
public final class RocksDbSettings implements RocksDBConfigSetter {

    /** The filter's share of each memtable's size: RocksDB's suggested 10%. */
    static final double MEMTABLE_FILTER_RATIO = 0.1;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setMemtablePrefixBloomSizeRatio(MEMTABLE_FILTER_RATIO);
        options.setMemtableWholeKeyFiltering(true);
    }

    @Override
    public void close(String storeName, Options options) {
        // Nothing made here to close: the options are Kafka Streams'.
    }
}
