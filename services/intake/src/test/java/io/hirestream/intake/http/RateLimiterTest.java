package io.hirestream.intake.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aClientMaySendABurstThenWaitsForTheRate() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(2, 4, 100, clock);

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire("10.0.0.1")).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(500);
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(500);
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(1, 1, 100, clock);

        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isPositive();
        assertThat(limiter.acquire("10.0.0.2")).isZero();
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentClient() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(1, 1, 2, clock);

        limiter.acquire("a");
        limiter.acquire("b");
        limiter.acquire("c");
        // "a" was forgotten: it starts again with a full bucket; "c" is remembered and must wait.
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("c")).isPositive();
    }
}
