package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.Slice;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One task combines every slice by declaration of a (role, location), so that it can publish their
 * sums per group whole; every other part goes where Kafka's default partitioner puts its key.
 */
class RowPartsPartitionTest {

    private static final int PARTITIONS = 6;
    private static final PartialRow PART = new PartialRow(0, new FunnelCounts());

    @Test
    void everySliceByDeclarationOfARowIsCombinedWhereTheRowIs() {
        RowKey row = new RowKey("Machine Learning Engineer", "Remote, US");
        Optional<Set<Integer>> rowPartition = RowCombiner.partitionOf("t", row.toKey(), PART, PARTITIONS);

        for (String declared : new String[]{"FEMALE|ASIAN|DECLINED|NO", "MALE|WHITE|PROTECTED_VETERAN|YES",
                "DECLINED|DECLINED|DECLINED|DECLINED"}) {
            String slice = row.in(new Slice(Slice.Dimension.DECLARATION, declared)).toKey();
            assertThat(RowCombiner.partitionOf("t", slice, PART, PARTITIONS)).as(declared).isEqualTo(rowPartition);
        }
    }

    @Test
    void everyOtherPartGoesWhereKafkasDefaultPartitionerPutsItsKey() {
        RowKey row = new RowKey("Data Engineer", "Berlin, DE");
        for (RowKey key : new RowKey[]{row, row.in(Slice.week(0)), row.in(Slice.source("REFERRAL"))}) {
            int expected = BuiltInPartitioner.partitionForKey(key.toKey().getBytes(StandardCharsets.UTF_8), PARTITIONS);
            assertThat(RowCombiner.partitionOf("t", key.toKey(), PART, PARTITIONS)).contains(Set.of(expected));
        }
    }
}
