package io.hirestream.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** Runs a Kafka Streams application over topics that hold a fixed set of records, until all is committed. */
final class StreamsRun {

    private StreamsRun() {
    }

    /**
     * Seconds from start until the application's committed offsets reach the end of every input partition;
     * {@code whenCaughtUp} runs then, while the application's threads still live.
     */
    static double secondsToCatchUp(Topology topology, Properties config, Admin admin, List<String> inputs,
                                   java.util.function.Consumer<KafkaStreams> onStart, Runnable whenCaughtUp) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(admin, inputs);
        String group = config.getProperty("application.id");
        long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, config)) {
            streams.start();
            onStart.accept(streams);
            while (true) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException(group + " stopped in state " + streams.state());
                }
                if (recordsBehind(admin, group, ends) == 0) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    whenCaughtUp.run();
                    streams.close(Duration.ofSeconds(60));
                    return seconds;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Records before the given end offsets that the group has not committed yet, over all those partitions. */
    static long recordsBehind(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            behind += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return behind;
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
            description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
