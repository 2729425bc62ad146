package io.hirestream.ops.dlq;

import io.hirestream.clients.ClientSettings;
import io.hirestream.ops.kafka.Progress;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Sends dead letters back to the topic and partition they came from, with their key, value and
 * headers. Each letter's copy and its entry in the redrive ledger are written in one
 * transaction, so a letter is either sent and recorded or neither; a redrive running at the same
 * time is fenced off by the shared transactional id; a second redrive skips what the first sent.
 */
public final class Redriver {

    /** The header a redriven record carries: where on the dead-letter topic it came from. */
    public static final String REDRIVEN_FROM = "hirestream.redriven.from";
    private static final int PER_TRANSACTION = 500;

    private final Map<String, ?> cluster;

    /** @param cluster the Kafka client settings of the cluster (bootstrap servers, security) */
    public Redriver(Map<String, ?> cluster) {
        this.cluster = cluster;
    }

    public long redrive(DeadLetters.Plan plan, PrintStream out) {
        Progress progress = new Progress(out, "redriving", plan.toSend().size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientSettings.kafka(cluster, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hirestream-ops-dlq-redrive",
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            int inTransaction = 0;
            producer.beginTransaction();
            for (DeadLetters.Letter letter : plan.toSend()) {
                var dead = letter.letter();
                RecordHeaders headers = new RecordHeaders(dead.originalHeaders().toArray());
                headers.add(REDRIVEN_FROM, (Topics.DEAD_LETTERS_TOPIC.name() + "/" + letter.partition() + "/" + letter.offset())
                        .getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(dead.sourceTopic(), dead.sourcePartition(), null, dead.key(), dead.value(), headers));
                producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS_REDRIVEN.name(), letter.sourceKey().getBytes(StandardCharsets.UTF_8),
                        ("{\"redrivenAt\": \"" + Instant.now() + "\", \"deadLetter\": \"" + letter.partition() + "/" + letter.offset()
                                + "\"}").getBytes(StandardCharsets.UTF_8)));
                progress.advance(1);
                if (++inTransaction == PER_TRANSACTION) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                    inTransaction = 0;
                }
            }
            producer.commitTransaction();
        }
        progress.finish();
        return progress.done();
    }
}
