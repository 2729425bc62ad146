package io.hirestream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A program the stack runs in the background: started with its output appended to a log file,
 * remembered by a pid file, and recognised by a marker argument on its command line, so that a
 * recycled pid never makes another program look like ours.
 */
public final class ManagedProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Path pidFile;
    private final Path logFile;
    private final String marker;

    private final Path launchFile;

    /**
     * The process this object started, if it did: trusted by its handle, not by its command line,
     * which is briefly unreadable (or shows no marker) while setsid or a launcher execs the program.
     */
    private volatile ProcessHandle launched;

    public ManagedProcess(String name, StackLayout layout) {
        this.name = name;
        this.pidFile = layout.run().resolve(name + ".pid");
        this.launchFile = layout.run().resolve(name + ".launch");
        this.logFile = layout.logs().resolve(name + ".log");
        this.marker = "-Dhirestream.process=" + name + "@" + layout.home();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The JVM argument that marks a process as this one; put it on the command line. */
    public String marker() {
        return marker;
    }

    /**
     * The running process: the one this object started while it lives, else the one the pid file
     * names if it is alive and carries our marker (a pid file may outlive its process, and its pid
     * be recycled by another program).
     */
    public Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle own = launched;
            if (own != null && own.pid() == pid) {
                return own.isAlive() ? Optional.of(own) : Optional.empty();
            }
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().arguments().map(List::of).orElse(List.of()).contains(marker));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True where it was started and not stopped since: its pid file is there, whether or not it still runs. */
    public boolean started() {
        return Files.isRegularFile(pidFile);
    }

    /** Starts the command in the background in {@code workDir}, its output appended to the log. */
    public ProcessHandle start(List<String> command, Path workDir, Map<String, String> environment) {
        if (!command.contains(marker)) {
            throw new IllegalArgumentException("the command of " + name + " lacks its marker " + marker);
        }
        try {
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workDir);
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + name + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(inSessionOfItsOwn(command))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            launched = process.toHandle();
            Files.writeString(pidFile, Long.toString(process.pid()));
            saveLaunch(command, workDir, environment);
            return process.toHandle();
        } catch (IOException e) {
            throw new StackException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The command run in a session of its own (setsid, where the machine has it), so that no signal
     * meant for the terminal or process group of whoever started it (Ctrl-C on an ops command that
     * restarted a service) reaches it, and so that, on a host that schedules by session (Linux
     * autogroups), it has its own share of the cores, as a service in a container of its own does.
     * setsid execs the command in place: the pid stays the same.
     */
    public static List<String> inSessionOfItsOwn(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> detached = new ArrayList<>();
        detached.add(SETSID.toString());
        detached.addAll(command);
        return detached;
    }

    /**
     * The command run with its session's share of the cores lowered to {@code nice}: Linux schedules each
     * session as an autogroup, and a thread's nice value weighs only among the threads of its own group, so
     * a whole process yields to the machine's other processes only through its group's nice
     * ({@code /proc/<pid>/autogroup}). The process sets it itself, through a shell that then execs the
     * command in place (same pid), and only once it leads a session of its own: in its starter's session it
     * would lower its starter's group. Where there is no such file it runs as it is. Part of the command,
     * so a {@link #relaunch()} lowers it again.
     */
    public static List<String> withSessionNice(List<String> command, int nice) {
        List<String> lowered = new ArrayList<>(List.of("/bin/sh", "-c",
                "read -r _ _ _ _ _ session _ 2>/dev/null < /proc/$$/stat; if [ \"$session\" = \"$$\" ]; then "
                        + "{ echo " + nice + " > /proc/$$/autogroup; } 2>/dev/null; fi; exec \"$@\"", "sh"));
        lowered.addAll(command);
        return lowered;
    }

    /**
     * Starts the process again exactly as it was last started (command, folder, environment), as
     * ops tools need after stopping a part of the stack for maintenance.
     */
    public ProcessHandle relaunch() {
        Properties launch = new Properties();
        try (var in = Files.newBufferedReader(launchFile, StandardCharsets.UTF_8)) {
            launch.load(in);
        } catch (IOException e) {
            throw new StackException(name + " was never started under this home (no " + launchFile + ")", e);
        }
        List<String> command = new ArrayList<>();
        for (int i = 0; launch.containsKey("arg." + i); i++) {
            command.add(launch.getProperty("arg." + i));
        }
        Map<String, String> environment = new java.util.HashMap<>();
        launch.stringPropertyNames().stream().filter(key -> key.startsWith("env."))
                .forEach(key -> environment.put(key.substring(4), launch.getProperty(key)));
        return start(command, Path.of(launch.getProperty("dir")), environment);
    }

    /** A variable of the environment the process was last started with (its port, say), if it was started under this home. */
    public Optional<String> launchedWith(String variable) {
        Properties launch = new Properties();
        try (var in = Files.newBufferedReader(launchFile, StandardCharsets.UTF_8)) {
            launch.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(launch.getProperty("env." + variable));
    }

    private void saveLaunch(List<String> command, Path workDir, Map<String, String> environment) throws IOException {
        Properties launch = new Properties();
        launch.setProperty("dir", workDir.toString());
        for (int i = 0; i < command.size(); i++) {
            launch.setProperty("arg." + i, command.get(i));
        }
        environment.forEach((key, value) -> launch.setProperty("env." + key, value));
        try (var out = Files.newBufferedWriter(launchFile, StandardCharsets.UTF_8)) {
            launch.store(out, "how " + name + " was last started; ManagedProcess.relaunch reads it");
        }
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL if it has not exited within the grace period.
     * Returns true where a process was running.
     */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> handle = running();
        if (handle.isEmpty()) {
            deletePidFile();
            return false;
        }
        ProcessHandle process = handle.get();
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported below if still alive
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StackException("waiting for " + name + " to stop failed: " + e.getMessage(), e);
        }
        if (process.isAlive()) {
            throw new StackException(name + " (pid " + process.pid() + ") did not stop; kill it by hand");
        }
        deletePidFile();
        return true;
    }

    /** Resident memory of the running process in KiB, read from /proc; 0 where unknown. */
    public long residentKib() {
        return running().map(handle -> residentKib(handle.pid())).orElse(0L);
    }

    public static long residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** The last lines of the log, to show why a start failed. */
    public String tail(int lines) {
        try {
            if (!Files.isRegularFile(logFile)) {
                return "";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is harmless: running() checks liveness and the marker
        }
    }
}
