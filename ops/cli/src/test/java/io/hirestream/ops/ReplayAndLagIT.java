package io.hirestream.ops;

import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.OpsCli;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** replay and lag against the real broker, through the packaged ops tool. */
@WithKafkaStack
class ReplayAndLagIT {

    /**
     * A day ago on the hour: records far older than a topic's retention (7 days by default) may be
     * deleted by the broker in the middle of a test.
     */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));

    /** What a test wrote: partition, key, timestamp, value, header. */
    private record Sent(int partition, String key, long timestamp, String value) {
    }

    /** Writes 10 records to each of 3 partitions, an hour apart, and returns them. */
    private static List<Sent> fill(KafkaStack stack, String topic) throws Exception {
        List<Sent> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(stack.kafkaConfigs(Map.of()), new StringSerializer(), new StringSerializer())) {
            for (int hour = 0; hour < 10; hour++) {
                for (int partition = 0; partition < 3; partition++) {
                    Sent record = new Sent(partition, "key-" + partition + "-" + hour, T0.plusSeconds(3_600L * hour).toEpochMilli(),
                            "value " + hour);
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("trace", ("t-" + record.key()).getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(topic, record.partition(), record.timestamp(), record.key(), record.value(),
                            headers)).get();
                    sent.add(record);
                }
            }
        }
        return sent;
    }

    private static List<Sent> read(KafkaStack stack, String topic) {
        return TestTopics.readAll(stack, topic).stream().map(ReplayAndLagIT::sent).toList();
    }

    private static Sent sent(ConsumerRecord<byte[], byte[]> r) {
        return new Sent(r.partition(), new String(r.key(), StandardCharsets.UTF_8), r.timestamp(), new String(r.value(), StandardCharsets.UTF_8));
    }

    /** The ops tool's environment: this stack, signed in as ops. */
    private static Map<String, String> env(KafkaStack stack) {
        return OpsCli.environment(stack);
    }

    @Test
    void aReplayOfATimeRangeMovesExactlyTheRecordsInItWithKeysHeadersTimestampsAndPartitions(KafkaStack stack) throws Exception {
        String source = TestTopics.create(stack, "test.replay.source", 3, null);
        String target = TestTopics.create(stack, "test.replay.target", 3, null);
        List<Sent> sent = fill(stack, source);
        Instant from = T0.plusSeconds(3 * 3_600);
        Instant to = T0.plusSeconds(7 * 3_600);
        List<Sent> expected = sent.stream().filter(s -> s.timestamp() >= from.toEpochMilli() && s.timestamp() < to.toEpochMilli()).toList();

        OpsCli.Result dryRun = OpsCli.run(env(stack), "replay", "copy", "--topic", source, "--to-topic", target,
                "--from-time", from.toString(), "--to-time", to.toString(), "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("dry run: 12 records would be copied into " + target);
        assertThat(read(stack, target)).isEmpty();

        OpsCli.Result copy = OpsCli.run(env(stack), "replay", "copy", "--topic", source, "--to-topic", target,
                "--from-time", from.toString(), "--to-time", to.toString());

        assertThat(copy.exitCode()).as(copy.toString()).isZero();
        assertThat(copy.out()).contains("copied 12 records into " + target);
        assertThat(copy.err()).contains("100%");
        assertThat(read(stack, target)).containsExactlyInAnyOrderElementsOf(expected);
        ConsumerRecord<byte[], byte[]> one = TestTopics.readAll(stack, target).getFirst();
        assertThat(new String(one.headers().lastHeader("trace").value(), StandardCharsets.UTF_8))
                .isEqualTo("t-" + new String(one.key(), StandardCharsets.UTF_8));
    }

    @Test
    void aReplayByOffsetsCopiesThatRangeOfEachPartition(KafkaStack stack) throws Exception {
        String source = TestTopics.create(stack, "test.replay.source", 3, null);
        String target = TestTopics.create(stack, "test.replay.target", 3, null);
        fill(stack, source);

        OpsCli.Result copy = OpsCli.run(env(stack), "replay", "copy", "--topic", source, "--to-topic", target,
                "--from-offset", "0=8", "--to-offset", "1=2", "--to-offset", "2=0");

        assertThat(copy.exitCode()).as(copy.toString()).isZero();
        assertThat(read(stack, target)).extracting(Sent::key)
                .containsExactlyInAnyOrder("key-0-8", "key-0-9", "key-1-0", "key-1-1");
    }

    @Test
    void aReplayIntoATopicAServiceWritesIsRefusedAndWritesNothing(KafkaStack stack) throws Exception {
        String source = TestTopics.create(stack, "test.replay.source", 3, null);
        fill(stack, source);
        long before = TestTopics.readAll(stack, Topics.SCREENED.name()).size();

        OpsCli.Result copy = OpsCli.run(env(stack), "replay", "copy", "--topic", source, "--to-topic", Topics.SCREENED.name());

        assertThat(copy.exitCode()).isEqualTo(1);
        assertThat(copy.err()).contains("refusing to replay into " + Topics.SCREENED.name())
                .contains("the screening service").contains("--force");
        assertThat(TestTopics.readAll(stack, Topics.SCREENED.name())).hasSize((int) before);
    }

    @Test
    void resettingAGroupToATimeMovesItsOffsetsThereAndSaysHowMuchItReadsAgain(KafkaStack stack) throws Exception {
        String topic = TestTopics.create(stack, "test.replay.reset", 3, null);
        fill(stack, topic);
        String group = KafkaStack.unique("test-reset-group");
        commit(stack, group, topic, Map.of(0, 10L, 1, 10L, 2, 10L));

        OpsCli.Result reset = OpsCli.run(env(stack), "replay", "reset-group", "--group", group, "--topic", topic,
                "--to-time", T0.plusSeconds(6 * 3_600).toString());

        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(reset.out()).contains("12 records to read again");
        try (var consumer = consumer(stack, group)) {
            var committed = consumer.committed(java.util.Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 2)));
            assertThat(committed.values()).extracting(OffsetAndMetadata::offset).containsOnly(6L);
        }
    }

    @Test
    void lagReportsTheRecordsAGroupHasStillToRead(KafkaStack stack) throws Exception {
        String topic = TestTopics.create(stack, "test.lag", 3, null);
        fill(stack, topic);
        String group = KafkaStack.unique("test-lag-group");
        commit(stack, group, topic, Map.of(0, 3L, 1, 10L, 2, 9L));

        OpsCli.Result lag = OpsCli.run(env(stack), "lag", "--group", group);

        assertThat(lag.exitCode()).as(lag.toString()).isZero();
        assertThat(lag.out()).containsPattern(group + "\\s+" + topic.replace(".", "\\.") + "\\s+0\\s+3\\s+10\\s+7")
                .containsPattern(group + "\\s+" + topic.replace(".", "\\.") + "\\s+2\\s+9\\s+10\\s+1")
                .containsPattern(group + "\\s+-\\s+Empty\\s+0\\s+8");
    }

    private static void commit(KafkaStack stack, String group, String topic, Map<Integer, Long> offsets) {
        try (var consumer = consumer(stack, group)) {
            Map<TopicPartition, OffsetAndMetadata> commits = new java.util.HashMap<>();
            offsets.forEach((partition, offset) -> commits.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaStack stack, String group) {
        return new KafkaConsumer<>(stack.kafkaConfigs(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
