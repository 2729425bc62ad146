package io.hirestream.stack;

import io.hirestream.topics.Principal;

import java.nio.file.Path;
import java.util.Locale;

/**
 * hirestream's services, with the ports of the contract. Each reads its port from
 * {@code <NAME>_PORT} and keeps its Kafka Streams state under {@code <NAME>_STATE_DIR}.
 */
public enum Service {
    // The funnel keeps every row, its rollups and each partition's part of each row in memory: with
    // 10,000 rows sliced by week, source and declaration, its live heap reached 650 MB (bench queries),
    // and in 768 MB G1 fell back on full collections of 1 to 2 s, ten and more per run. 2 GB leaves
    // G1 room to collect young objects only (no full collection in the same runs).
    // It answers the dashboards' and analysts' queries: with the optimizing compiler and G1 its pages
    // answered twice as many queries a second, and its p99 for one row fell from 59 to 22 ms.
    // It starts with 512 MB: started with 32, G1 kept its heap at 70 to 100 MB around a live set of about 35 MB
    // while a few thousand events a second arrived, and marked concurrently every few seconds (ops/hirestream bench
    // intake, the last minute: 42 to 51 pauses, 0.8 s, Remark pauses up to 130 ms; with 512 MB 4 to 5, 0.07 to 0.22 s).
    FUNNEL(8080, "2g", "512m", true, null),
    // Intake answers candidates while they wait, a viral posting's bursts included: with the optimizing
    // compiler and G1 it took 1,838 and 1,964 applications/s at 64 clients (p50 25 and 27 ms) where on
    // C1 and the serial collector it took 1,048 and 1,274 (p50 54 and 45 ms), alternating runs of
    // ops/hirestream bench intake. Its views of receipts and candidates' keys grow with every application
    // (about 1 KB each when this was measured; the keys are packed since, about 170 bytes): left to size
    // itself, G1 kept a young generation of about 65 MB, collected it every 0.35 s under load and copied
    // those entries between survivor spaces at each; with 256 MB and promotion after one collection, p99 at
    // 64 clients was 71 to 132 ms (median 92) in five runs against 95 to 121 (median 113) (ops/bench/README.md).
    INTAKE(8082, "512m", "512m", true, "256m"),
    // The stage services collect with the serial collector, each collection on one core: started with 32 MB they
    // collected two to three times a second while intake took 1,000 applications/s (screening 122 to 150 pauses a
    // minute, 0.4 to 0.6 s); with 96 MB screening 86 (0.3 s), offer 64 instead of 86 to 115 (bench intake).
    SCREENING(8083, "192m", "96m", false, null),
    INTERVIEW(8084, "192m", "96m", false, null),
    OFFER(8085, "192m", "96m", false, null);

    private final int defaultPort;
    private final String heap;
    private final String initialHeap;
    private final boolean servesLoad;
    private final String youngGeneration;

    Service(int defaultPort, String heap, String initialHeap, boolean servesLoad, String youngGeneration) {
        this.defaultPort = defaultPort;
        this.heap = heap;
        this.initialHeap = initialHeap;
        this.servesLoad = servesLoad;
        this.youngGeneration = youngGeneration;
    }

    /**
     * The nice value of its session's share of the cores where the stack lets the stages yield
     * ({@link ServiceProcess#yieldingAsAStage()}): screening, interview and offer work after intake has
     * answered, so during a burst they give the cores to intake and the broker and catch up after it. With
     * the three at 19, set by hand in alternating runs of ops/hirestream bench intake, intake took 2,729 and
     * 3,018 applications/s at 64 clients (p99 68.8 and 79.1 ms) against 1,745 to 2,049 (p99 107 to 140) with
     * all at 0 (ops/bench/README.md). The funnel keeps its share: it answers dashboards.
     */
    public int stageNice() {
        return this == SCREENING || this == INTERVIEW || this == OFFER ? 19 : 0;
    }

    /** The most heap its JVM takes (-Xmx) when the stack runs it. */
    public String heap() {
        return heap;
    }

    /**
     * The heap its JVM starts with (-Xms): enough that the collector neither collects many times a
     * second nor marks the old generation over and over while the service's live data is small.
     */
    public String initialHeap() {
        return initialHeap;
    }

    /**
     * True where its JVM should compile fully and collect with G1 (it answers request load: the
     * funnel's queries, intake's applications), not stay as small as it can.
     */
    public boolean servesLoad() {
        return servesLoad;
    }

    /**
     * The young generation its JVM keeps, fixed, and what survives one
     * collection promoted; null where the collector sizes it. For a service whose long-lived data grows
     * with every request, so that it is copied once, not at every collection while it ages.
     */
    public String youngGeneration() {
        return youngGeneration;
    }

    /** The lower-case name: {@code funnel}, {@code intake}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Kafka principal it signs in as. */
    public Principal principal() {
        return Principal.valueOf(name());
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The port from {@code <NAME>_PORT} where set, else the contract's. */
    public int configuredPort() {
        String value = System.getenv(portVariable());
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StackException(portVariable() + "=" + value + " is not a port number");
        }
    }

    /** Where the home's running instance answers: the port it was started on, else the configured one. */
    public String localUrl(StackLayout layout) {
        return "http://127.0.0.1:" + new ManagedProcess(id(), layout).launchedWith(portVariable())
                .orElse(Integer.toString(configuredPort()));
    }

    /** The environment variable a service and the stack read its port from. */
    public String portVariable() {
        return name() + "_PORT";
    }

    /** The variable prefix of the service's own settings ({@code OFFER_AUTO_APPROVE}, ...). */
    public String variable(String setting) {
        return name() + "_" + setting;
    }

    /** The runnable jar the build leaves, with its dependencies in {@code lib/} beside it. */
    public Path jar(Path repo) {
        return repo.resolve("services").resolve(id()).resolve("target").resolve("hirestream-" + id() + ".jar");
    }
}
