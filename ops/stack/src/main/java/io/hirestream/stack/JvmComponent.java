package io.hirestream.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;

/**
 * A component that runs as its own JVM under the stack's home: it knows its process and waits for
 * readiness the same way, by probing until it answers, its process dies, or time runs out.
 */
public abstract class JvmComponent implements Component {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    protected final StackLayout layout;
    protected final String heap;
    private final ManagedProcess process;

    protected JvmComponent(String name, StackLayout layout, String heap) {
        this.layout = layout;
        this.heap = heap;
        this.process = new ManagedProcess(name, layout);
    }

    @Override
    public final ManagedProcess process() {
        return process;
    }

    /**
     * The start of the command line of a small JVM that shares two cores with the rest of the
     * stack: serial GC and the C1 compiler only, the heap between {@code initialHeap} and the
     * component's heap, and the marker that makes the process recognisably ours.
     */
    protected final List<String> smallJvm(String initialHeap) {
        return new ArrayList<>(List.of(Java.launcher(), "-Xms" + initialHeap, "-Xmx" + heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", process.marker()));
    }

    /**
     * The start of the command line of a service's JVM: small, as every component's (unless it
     * serves request load: then with the optimizing compiler and G1, and the young generation the
     * service asks for), starting with the heap the service asks for, exiting on running out of
     * memory, with the access Kafka Streams' RocksDB and Netty need. Whatever is measured against a
     * service runs in one like it.
     */
    protected final List<String> serviceJvm(Service like) {
        List<String> command = smallJvm(like.initialHeap());
        if (like.servesLoad()) {
            // Hot request paths (reading the view, writing JSON, checking applications) run up to twice as fast
            // compiled by C2, and G1 keeps pauses short (Service says what was measured).
            command.removeAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            command.add(1, "-XX:+UseG1GC");
        }
        if (like.youngGeneration() != null) {
            command.addAll(List.of("-Xmn" + like.youngGeneration(), "-XX:MaxTenuringThreshold=1"));
        }
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow"));
        return command;
    }

    /** One readiness probe: true once the component serves requests. */
    protected abstract boolean answers();

    /** True where a GET of the URL answers 200 within two seconds. */
    protected final boolean answersOk(String url) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for " + name(), e);
        }
    }

    @Override
    public final void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process.running().isEmpty()) {
                throw new StackException(name() + " exited while starting; the end of "
                        + process.logFile() + ":\n" + process.tail(30));
            }
            if (answers()) {
                return;
            }
            Pause.briefly();
        }
        throw new StackException(name() + " did not answer at " + address() + " within "
                + timeout.toSeconds() + " s; the end of " + process.logFile() + ":\n" + process.tail(30));
    }
}
