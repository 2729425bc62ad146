package io.hirestream.service.kafka;

import io.hirestream.events.SubmissionReceipt;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A view under a retention keeps what is young enough and at most so many: memory bounded whatever the topic holds. */
class TopicViewTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void beyondItsMaximumTheOldestValuesTakenInGoFirst() {
        TopicView<SubmissionReceipt> view = view(Duration.ofHours(24), 3, NOW);

        for (int i = 1; i <= 5; i++) {
            view.put("key-" + i, receipt("key-" + i, NOW.minusSeconds(10 - i)));
        }

        assertThat(view.size()).isEqualTo(3);
        assertThat(view.get("key-1")).isEmpty();
        assertThat(view.get("key-2")).isEmpty();
        assertThat(view.get("key-5")).isPresent();
    }

    @Test
    void aValueOlderThanTheMaximumAgeIsNotKeptNorAnswered() {
        TopicView<SubmissionReceipt> view = view(Duration.ofHours(24), 100, NOW);

        view.put("stale", receipt("stale", NOW.minus(Duration.ofHours(25))));
        view.put("fresh", receipt("fresh", NOW.minus(Duration.ofHours(1))));

        assertThat(view.get("stale")).isEmpty();
        assertThat(view.get("fresh")).isPresent();
        assertThat(view.size()).isEqualTo(1);
    }

    @Test
    void aKeyTakenInAgainIsNotEvictedForItsOlderValue() {
        TopicView<SubmissionReceipt> view = view(Duration.ofHours(24), 2, NOW);

        view.put("again", receipt("again", NOW.minusSeconds(30)));
        view.put("other", receipt("other", NOW.minusSeconds(20)));
        view.put("again", receipt("again", NOW.minusSeconds(10)));

        assertThat(view.get("again")).isPresent();
        assertThat(view.get("other")).isPresent();
    }

    @Test
    void aValueReadBackAsItWasPutCountsOnceTowardTheMaximum() {
        TopicView<SubmissionReceipt> view = view(Duration.ofHours(24), 2, NOW);

        view.put("written", receipt("written", NOW.minusSeconds(20)));
        view.put("written", receipt("written", NOW.minusSeconds(20)));
        view.put("next", receipt("next", NOW.minusSeconds(10)));

        assertThat(view.get("written")).isPresent();
        assertThat(view.get("next")).isPresent();
    }

    @Test
    void aValuePutByTwoThreadsAtOnceCountsOnceTowardTheMaximum() throws Exception {
        // As intake puts a receipt when its transaction commits while the view reads the same receipt back.
        Topic<String, Copy> topic = new Topic<>("copies", Serdes.String(), null, Topic.ANY_WRITER, Set.of(), Map.of(), "copies");
        TopicView<Copy> view = new TopicView<>(topic, Map.of(), new TopicView.Retention<>(Duration.ofHours(24), 2, Copy::at),
                Clock.fixed(NOW, ZoneOffset.UTC));
        view.put("other", new Copy("other", NOW.minusSeconds(20)));
        Copy first = new Copy("written", NOW.minusSeconds(10));
        Thread second = new Thread(() -> view.put("written", new Copy("written", NOW.minusSeconds(10))));
        // While the first put compares, the second puts an equal copy, or is held back trying.
        first.whileComparing = () -> {
            second.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> second.getState() == Thread.State.TERMINATED
                    || second.getState() == Thread.State.BLOCKED || second.getState() == Thread.State.WAITING);
        };

        view.put("written", first);
        second.join(10_000);

        assertThat(second.isAlive()).isFalse();
        assertThat(view.get("written")).isPresent();
        assertThat(view.get("other")).as("still within the maximum of two: the equal copies counted once").isPresent();
    }

    /** A value that runs a hook, once, while its equality is checked. */
    private static final class Copy {

        private final String id;
        private final Instant at;
        private volatile Runnable whileComparing;

        Copy(String id, Instant at) {
            this.id = id;
            this.at = at;
        }

        Instant at() {
            return at;
        }

        @Override
        public boolean equals(Object other) {
            Runnable hook = whileComparing;
            whileComparing = null;
            if (hook != null) {
                hook.run();
            }
            return other instanceof Copy copy && copy.id.equals(id) && copy.at.equals(at);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, at);
        }
    }

    private static TopicView<SubmissionReceipt> view(Duration maxAge, int maxEntries, Instant now) {
        return new TopicView<>(Topics.SUBMISSION_RECEIPTS, Map.of(),
                new TopicView.Retention<>(maxAge, maxEntries, SubmissionReceipt::getReceivedAt), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SubmissionReceipt receipt(String key, Instant at) {
        return new SubmissionReceipt(key, "hash", "application", "event", "candidate", at);
    }
}
