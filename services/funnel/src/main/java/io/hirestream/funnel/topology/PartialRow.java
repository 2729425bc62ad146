package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.FunnelCounts;

/**
 * The counts one partition holds for one row: what a task sends on to be combined with the other
 * partitions' parts into the whole row. Always the whole part, never a difference, so that
 * sending it again changes nothing.
 */
record PartialRow(int partition, FunnelCounts counts) {
}
