package io.hirestream.funnel.topology;

import io.hirestream.events.FunnelMetrics;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.RowKey;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;

/**
 * The second step, per row: keeps each partition's latest part of the row, and publishes the
 * whole row (their sum) to the metrics topic whenever a part changes.
 */
final class RowCombiner implements Processor<String, PartialRow, String, FunnelMetrics> {

    private ProcessorContext<String, FunnelMetrics> context;
    private KeyValueStore<String, PartitionedCounts> rows;

    @Override
    public void init(ProcessorContext<String, FunnelMetrics> context) {
        this.context = context;
        this.rows = context.getStateStore(FunnelTopology.ROWS_STORE);
    }

    @Override
    public void process(Record<String, PartialRow> record) {
        PartialRow part = record.value();
        PartitionedCounts row = rows.get(record.key());
        if (row == null) {
            row = new PartitionedCounts();
        }
        row.put(part.partition(), part.counts());
        rows.put(record.key(), row);
        FunnelCounts total = row.total();
        Instant asOf = Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.forward(record.withValue(FunnelMetricsMapper.toMetrics(RowKey.parse(record.key()), total, asOf)));
    }
}
