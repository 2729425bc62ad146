package io.hirestream.service.kafka;

import io.hirestream.events.SubmissionReceipt;
import io.hirestream.topics.Topics;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static TopicView<SubmissionReceipt> view(Duration maxAge, int maxEntries, Instant now) {
        return new TopicView<>(Topics.SUBMISSION_RECEIPTS, Map.of(),
                new TopicView.Retention<>(maxAge, maxEntries, SubmissionReceipt::getReceivedAt), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SubmissionReceipt receipt(String key, Instant at) {
        return new SubmissionReceipt(key, "hash", "application", "event", "candidate", at);
    }
}
