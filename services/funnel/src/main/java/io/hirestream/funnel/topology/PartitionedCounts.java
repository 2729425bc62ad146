package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.FunnelCounts;

import java.util.Map;
import java.util.TreeMap;

/** A row's parts by partition, as the combining step keeps them; their sum is the whole row. */
record PartitionedCounts(Map<Integer, FunnelCounts> parts) {

    PartitionedCounts() {
        this(new TreeMap<>());
    }

    void put(int partition, FunnelCounts counts) {
        parts.put(partition, counts);
    }

    FunnelCounts total() {
        FunnelCounts total = new FunnelCounts();
        parts.values().forEach(part -> total.merge(part, 1));
        return total;
    }
}
