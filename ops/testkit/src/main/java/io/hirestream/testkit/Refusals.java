package io.hirestream.testkit;

import io.hirestream.topics.Topic;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A service in this JVM under a stream of requests it must refuse, and what each refusal must
 * look like from outside: a 400 {@code application/problem+json} answered at once, nothing written
 * to the topics its routes write (end offsets unchanged between {@link #markOffsets()} and
 * {@link #assertNothingWrittenAndIdle()}), and the service's CPU back to idle afterwards.
 */
public final class Refusals implements AutoCloseable {

    /** An answer to a request that is refused on its face needs no longer than this. */
    public static final Duration QUICK = Duration.ofMillis(100);

    private final KafkaStack stack;
    private final ServiceInstance service;
    private final List<String> written;
    private Map<TopicPartition, Long> before = Map.of();

    private Refusals(KafkaStack stack, ServiceInstance service, List<String> written) {
        this.stack = stack;
        this.service = service;
        this.written = written;
    }

    /**
     * Starts the named service (the one on this test's classpath) against the shared stack, with
     * Kafka Streams settings of its own where it has a topology, and waits until it is healthy.
     * {@code written}: the topics its routes write. (Not the topics its stream threads write: a new
     * instance may still be working through what earlier tests left on the shared topics, and no
     * refused request causes that.)
     */
    public static Refusals start(String serviceName, boolean streams, Topic<?, ?>... written) {
        KafkaStack stack = SharedKafkaStack.get();
        int port = ServiceInstance.freePort();
        Map<String, Object> properties = streams ? Map.of(
                "kafka.streams.default.application.id", KafkaStack.unique(serviceName + "-refusals"),
                "kafka.streams.default.state.dir", ServiceInstance.tempDir(serviceName + "-refusals").toString(),
                "kafka.streams.default.application.server", "127.0.0.1:" + port) : Map.of();
        ServiceInstance service = ServiceInstance.start(stack, port, properties);
        await(serviceName + " healthy").atMost(Duration.ofSeconds(90)).until(() -> service.status("/health") == 200);
        return new Refusals(stack, service, Arrays.stream(written).map(Topic::name).toList());
    }

    public ServiceInstance service() {
        return service;
    }

    /** Remembers the end offsets of the topics the service's routes write. */
    public void markOffsets() {
        before = endOffsets(stack, written);
    }

    /** Fails unless the service wrote nothing since {@link #markOffsets()}; then waits for idle CPU. */
    public void assertNothingWrittenAndIdle() {
        Map<TopicPartition, Long> after = endOffsets(stack, written);
        if (!after.equals(before)) {
            throw new AssertionError("records were written to " + written + ": end offsets " + before + " became " + after);
        }
        awaitIdleCpu();
    }

    public ServiceInstance.Response refusedQuickly(String path, String body) {
        return refusedQuickly(service, path, body);
    }

    @Override
    public void close() {
        service.close();
    }

    /**
     * POSTs the body and returns the answer, failing unless it is refused as invalid (400, or 413
     * for a body over the size limit) with a problem within
     * {@link #QUICK}. An answer over the limit is asked for once more: a hostile input is slow
     * every time, a pause of this shared machine (a collection, another process) is not.
     */
    public static ServiceInstance.Response refusedQuickly(ServiceInstance service, String path, String body) {
        Timed answer = timed(service, path, body);
        if (answer.elapsed().compareTo(QUICK) > 0) {
            answer = timed(service, path, body);
        }
        ServiceInstance.Response response = answer.response();
        if (response.status() != 400 && response.status() != 413) {
            throw new AssertionError("expected 400 or 413 for " + abbreviated(body) + ", got " + abbreviated(response.toString()));
        }
        if (!response.contentType().startsWith("application/problem+json")) {
            throw new AssertionError("expected application/problem+json for " + abbreviated(body) + ", got " + response);
        }
        if (answer.elapsed().compareTo(QUICK) > 0) {
            throw new AssertionError("the refusal of " + abbreviated(body) + " took " + answer.elapsed().toMillis()
                    + " ms twice (limit " + QUICK.toMillis() + " ms)");
        }
        return response;
    }

    /** The end offset of every partition of the topics, to compare before and after. */
    public static Map<TopicPartition, Long> endOffsets(KafkaStack stack, Collection<String> topics) {
        try (Admin admin = Admin.create(stack.clientConfigs())) {
            var partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics, e.getCause());
        }
    }

    /**
     * Waits until this JVM (the service under test runs in it) uses less than a fifth of a core
     * over half a second: no request left work spinning behind it.
     */
    public static void awaitIdleCpu() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] last = {os.getProcessCpuTime(), System.nanoTime()};
        // Each poll measures the CPU used since the one before.
        await("the process back to idle CPU").atMost(Duration.ofSeconds(20))
                .pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    long cpu = os.getProcessCpuTime();
                    long now = System.nanoTime();
                    boolean idle = cpu - last[0] < (now - last[1]) / 5;
                    last[0] = cpu;
                    last[1] = now;
                    return idle;
                });
    }

    private static Timed timed(ServiceInstance service, String path, String body) {
        long start = System.nanoTime();
        ServiceInstance.Response response = service.send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE));
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }

    private record Timed(ServiceInstance.Response response, Duration elapsed) {
    }
}
