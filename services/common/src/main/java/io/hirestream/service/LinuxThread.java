package io.hirestream.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of this JVM's threads as Linux sees it ({@code /proc/self/task/<tid>/stat}): what tests and
 * benchmarks read of the threads (their priority, the CPU they used).
 *
 * @param name       the name Linux knows it by: the first 15 characters of its Java name
 * @param nice       its nice value
 * @param cpuSeconds the CPU it has used, user and system
 */
public record LinuxThread(String name, int nice, double cpuSeconds) {

    /** Clock ticks per second of {@code stat}'s times (Linux's USER_HZ). */
    private static final double TICKS_PER_SECOND = 100;

    /** The threads alive now; none where there is no {@code /proc}. */
    public static List<LinuxThread> all() {
        List<LinuxThread> threads = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                // The name is in parentheses and may hold spaces; the fields after it are space-separated.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                threads.add(new LinuxThread(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                        Integer.parseInt(fields[16]), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND));
            }
        } catch (NoSuchFileException notLinux) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return threads;
    }
}
