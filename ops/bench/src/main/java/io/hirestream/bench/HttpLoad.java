package io.hirestream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A fixed number of HTTP requests sent by a fixed number of clients, each sending its next
 * request when the last is answered (a closed loop, as {@code ab -c} does), over kept-alive
 * HTTP/1.1 connections; measures requests per second and the latency of each.
 */
final class HttpLoad {

    /** What a run measured. {@code failed} counts answers other than the expected status and errors. */
    record Result(int requests, int failed, double perSecond, double p50Millis, double p99Millis, String firstFailure) {
    }

    private HttpLoad() {
    }

    static Result run(int clients, int requests, int expectedStatus, IntFunction<HttpRequest> request) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != expectedStatus) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, response.statusCode() + " " + response.body());
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencies[i] = System.nanoTime() - sent;
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        http.close();
        Arrays.sort(latencies);
        return new Result(requests, failed.get(), requests / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                firstFailure.get());
    }

    static HttpRequest post(URI uri, String json, String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder.build();
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
