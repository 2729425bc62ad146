package io.hirestream.funnel;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the threads that process and follow events at a lower CPU priority than those that answer
 * queries, as {@code FUNNEL_PROCESSING_NICE} asks (19 by default; 0: one priority): each such thread
 * takes that Linux nice value once, when its client first polls or is acknowledged. When the cores
 * are short (a replay, a rebuild, a host shared with the broker), the queries are then answered
 * first and the events counted with what is left, instead of each query waiting its turn behind a
 * stream thread that is catching up; while the cores are not short, the priority changes nothing.
 * A nice value weighs a thread against the others of its scheduling group only: a container's
 * cgroup, or on a Linux host with autogroups the process's session (the local stack starts each
 * service in a session of its own). So it orders this process's own threads, and the process keeps
 * its share of the host; only where every process of a host shares one group does it rank these
 * threads below every other process's.
 *
 * <p>Kafka Streams makes its threads itself and takes no thread factory. The public hook that runs
 * on each of them is a client interceptor: a consumer's {@code onConsume} runs on the thread that
 * polls it (a stream thread, the state updater, a follower), a producer's {@code onAcknowledgement}
 * on that producer's network thread. Java has no call that sets a thread's nice value, so the thread
 * has {@code renice} run on its own id; where that fails (not Linux, no {@code renice}) it says so once
 * and the threads keep their priority.
 *
 * <p>One thread of its own, started with this class (on the thread that builds the clients'
 * settings at start, at the process's priority), runs every {@code renice}: Linux gives a new
 * thread the nice value of the thread that starts it, and the JDK starts a thread to wait for a
 * child process when none is free. Started by a lowered thread, that waiter would be born lowered
 * and, kept in the JDK's pool, wait for every later child process of the service at nice 19.
 */
public final class ProcessingPriority implements ConsumerInterceptor<Object, Object>, ProducerInterceptor<Object, Object> {

    /** The nice value, among the clients' settings, that the interceptor gives the threads it runs on. */
    public static final String NICE_CONFIG = "hirestream.processing.nice";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingPriority.class);
    private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);
    private static final AtomicBoolean FAILURE_TOLD = new AtomicBoolean();
    /** The threads to lower, for the {@link #renicer}. */
    private static final BlockingQueue<Lowering> TO_LOWER = new LinkedBlockingQueue<>();

    static {
        Thread.ofPlatform().name("processing-priority").daemon().start(ProcessingPriority::renicer);
    }

    private int nice;

    /** Client settings whose consumers and producers lower their threads to {@code nice} (0: the settings as they are). */
    public static Map<String, Object> clients(Map<String, ?> clients, int nice) {
        Map<String, Object> lowered = new HashMap<>(clients);
        if (nice > 0) {
            // One key for consumers and producers alike.
            lowered.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ProcessingPriority.class.getName());
            lowered.put(NICE_CONFIG, nice);
        }
        return lowered;
    }

    /** Kafka Streams settings whose consumers (main, restore) and producers lower their threads to {@code nice} (0: none). */
    public static Map<String, Object> streams(int nice) {
        Map<String, Object> settings = new HashMap<>();
        clients(Map.of(), nice).forEach((key, value) -> {
            settings.put(StreamsConfig.consumerPrefix(key), value);
            settings.put(StreamsConfig.producerPrefix(key), value);
        });
        return settings;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(NICE_CONFIG);
        nice = value == null ? 0 : Integer.parseInt(value.toString().trim());
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        lowerThisThread();
        return records;
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        lowerThisThread();
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    private void lowerThisThread() {
        if (nice <= 0 || LOWERED.get()) {
            return;
        }
        LOWERED.set(true);
        try {
            // /proc/thread-self links to /proc/<pid>/task/<tid>: the calling thread's own id.
            long thread = Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
            TO_LOWER.add(new Lowering(thread, nice));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            tellFailure(nice, e.toString());
        }
    }

    /** Runs {@code renice} for each thread asked, one after another, for as long as the process lives. */
    private static void renicer() {
        while (true) {
            Lowering asked;
            try {
                asked = TO_LOWER.take();
            } catch (InterruptedException e) {
                return;
            }
            int nice = asked.nice();
            try {
                Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", Long.toString(asked.thread()))
                        .redirectErrorStream(true).start();
                if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                    renice.destroyForcibly();
                    tellFailure(nice, "renice did not finish within 5 s");
                } else if (renice.exitValue() != 0) {
                    // Its one line of output waits in the pipe until read.
                    tellFailure(nice, new String(renice.getInputStream().readAllBytes()).strip());
                }
            } catch (IOException | RuntimeException e) {
                // Whatever fails, the thread goes on for the next.
                tellFailure(nice, e.toString());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A thread (its Linux id) to take a nice value. */
    private record Lowering(long thread, int nice) {
    }

    private static void tellFailure(int nice, String why) {
        if (FAILURE_TOLD.compareAndSet(false, true)) {
            LOG.warn("cannot lower the event-processing threads to nice {} ({}): they run at the queries' priority",
                    nice, why);
        }
    }
}
