package io.hirestream.intake.http;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client: {@code perSecond} tokens a second up to {@code burst}; each request
 * takes one. Memory is bounded: beyond {@code maxClients} the client heard from least recently is
 * forgotten (it starts again with a full bucket, which only ever errs towards letting a request in).
 */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, double[]> buckets;

    RateLimiter(double perSecond, double burst, int maxClients, Clock clock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > maxClients;
            }
        };
    }

    double perSecond() {
        return perSecond;
    }

    /** Takes a token for the client: 0 when it had one, else how many milliseconds until it will. */
    synchronized long acquire(String client) {
        long now = clock.millis();
        // [tokens, last refill in ms]
        double[] bucket = buckets.computeIfAbsent(client, c -> new double[] {burst, now});
        bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond / 1000.0);
        bucket[1] = now;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - bucket[0]) * 1000.0 / perSecond);
    }
}
