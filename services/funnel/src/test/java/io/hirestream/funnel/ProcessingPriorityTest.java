package io.hirestream.funnel;

import io.hirestream.service.LinuxThread;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProcessingPriorityTest {

    @Test
    void loweringAThreadBornLoweredStartsNoOtherThreadBelowTheProcesssPriority() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "threads' nice values are read from Linux's /proc");
        ProcessingPriority toTen = interceptor(10);
        ProcessingPriority toNineteen = interceptor(19);
        CountDownLatch startSecond = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().name("lowered-first").start(() -> {
            toTen.onConsume(ConsumerRecords.empty());
            waitFor(startSecond);
            // Linux gives a thread the nice value of the thread that starts it: this one is born at 10.
            Thread second = Thread.ofPlatform().name("lowered-second").start(() -> {
                toNineteen.onConsume(ConsumerRecords.empty());
                waitFor(end);
            });
            waitFor(end);
            joinQuietly(second);
        });
        List<Process> sleeping = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> nice("lowered-first") == 10);
            // Keeps busy every thread the JDK holds ready to wait for a child process, so that lowering the second
            // needs a new one, started by whichever thread starts the renice.
            for (int i = 0; i < 4; i++) {
                sleeping.add(new ProcessBuilder("sleep", "60").start());
            }
            startSecond.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> nice("lowered-second") == 19);

            assertThat(LinuxThread.all()).filteredOn(thread -> !thread.name().startsWith("lowered-"))
                    .allSatisfy(thread -> assertThat(thread.nice()).as("thread %s", thread.name()).isZero());
        } finally {
            end.countDown();
            sleeping.forEach(Process::destroy);
            first.join();
        }
    }

    private static ProcessingPriority interceptor(int nice) {
        ProcessingPriority interceptor = new ProcessingPriority();
        interceptor.configure(Map.of(ProcessingPriority.NICE_CONFIG, nice));
        return interceptor;
    }

    /** The nice value of this JVM's thread of that name, or -1 while there is none. */
    private static int nice(String name) {
        return LinuxThread.all().stream().filter(thread -> thread.name().equals(name)).mapToInt(LinuxThread::nice)
                .findFirst().orElse(-1);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
