package io.hirestream.service.kafka;

import io.hirestream.deadletter.DeadLetter;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.TestTopics;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A followed topic (a service's view of a table topic, its keyring, the funnel's published parts)
 * never stalls on one record: a record the service cannot take in goes to the dead-letter topic once,
 * with its reason, and the records after it are taken in.
 */
@WithKafkaStack
class TopicFollowerIT {

    @Test
    void aRecordTheServiceCannotTakeInIsDeadLetteredOnceAndTheRecordsAfterItAreTakenIn(KafkaStack stack) throws Exception {
        String name = TestTopics.create(stack, "followed", 1, null);
        Topic<String, byte[]> topic = new Topic<>(name, Serdes.String(), null, Topic.ANY_WRITER, Set.of(), Map.of(), "followed");
        List<String> takenIn = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger();
        TopicFollower.Listener<byte[]> listener = TopicFollower.Listener.of((key, value) -> {
            if (key.equals("refused")) {
                refusals.incrementAndGet();
                throw new IllegalArgumentException("not a row this service knows: refused");
            }
            takenIn.add(key);
        }, () -> { });
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(stack.kafkaConfigs(Map.of()), new StringSerializer(),
                new ByteArraySerializer());
             TopicFollower<byte[]> follower = new TopicFollower<>(topic, stack.clientConfigs(), TopicFollower.From.BEGINNING,
                     listener).start()) {
            for (String key : List.of("before", "refused", "after")) {
                producer.send(new ProducerRecord<>(name, key, key.getBytes(StandardCharsets.UTF_8))).get();
            }

            follower.readUpToNow().get(30, TimeUnit.SECONDS);

            assertThat(takenIn).containsExactly("before", "after");
            assertThat(refusals).as("the refused record handed on once, not again and again").hasValue(1);
            List<DeadLetter> letters = TestTopics.readAll(stack, Topics.DEAD_LETTERS_TOPIC.name()).stream()
                    .map(DeadLetter::from).flatMap(Optional::stream)
                    .filter(letter -> letter.sourceTopic().equals(name)).toList();
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("refused");
                assertThat(letter.sourceOffset()).isEqualTo(1);
                assertThat(letter.error()).isEqualTo(DeadLetter.PROCESSING_FAILED);
                assertThat(letter.message()).contains("not a row this service knows");
            });
        }
    }
}
