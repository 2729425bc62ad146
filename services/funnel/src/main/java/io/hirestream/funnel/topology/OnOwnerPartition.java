package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.ApplicationEvent;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * Passes on the application events that are (or, with {@code owned} false, are not) on the partition
 * that owns their application: where Java's client puts their key, murmur2 of its UTF-8 bytes
 * modulo the stage topics' partition count. The funnel keeps an application's events together on
 * the task of that partition; a record some other producer put elsewhere (librdkafka's CRC32
 * partitioner, which Confluent's Python, Go and C clients and kcat use by default, or a partition
 * chosen by hand) is moved there through a repartition topic.
 *
 * <p>The partition count is read once per processor, when its task starts: a topic's partitions
 * only change with a restart of the funnel (see the runbook on adding partitions).
 */
final class OnOwnerPartition implements FixedKeyProcessor<String, ApplicationEvent, ApplicationEvent> {

    private final IntSupplier partitions;
    private final boolean owned;
    private FixedKeyProcessorContext<String, ApplicationEvent> context;
    private int count;

    OnOwnerPartition(IntSupplier partitions, boolean owned) {
        this.partitions = partitions;
        this.owned = owned;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ApplicationEvent> context) {
        this.context = context;
        this.count = partitions.getAsInt();
    }

    @Override
    public void process(FixedKeyRecord<String, ApplicationEvent> record) {
        if (onOwner(record) == owned) {
            context.forward(record);
        }
    }

    private boolean onOwner(FixedKeyRecord<String, ApplicationEvent> record) {
        // Without a key (never written by hirestream) there is no owner to move the record to.
        if (record.key() == null || count <= 1) {
            return true;
        }
        int partition = context.recordMetadata().map(metadata -> metadata.partition()).orElse(-1);
        return partition == owner(record.key(), count);
    }

    /**
     * The partition Java's client puts a String key on (its built-in partitioner's formula, which
     * Kafka keeps stable because every keyed topic depends on it); the repartition topic places
     * moved records with it too. FunnelInstancesIT holds it to what Java's producer does: events
     * written by Java there must meet, on one task, the ones that were moved.
     */
    static int owner(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
