package io.hirestream.bench;

import io.hirestream.stack.Folders;
import io.hirestream.stack.Service;
import io.hirestream.stack.StackSecrets;
import io.hirestream.access.Roles;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.clients.ClientSettings;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.topics.Principal;
import io.hirestream.topics.Topic;
import io.hirestream.topics.TopicSettings;
import io.hirestream.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ops/hirestream bench}: on a fresh local broker and registry of its own, writes N realistic
 * events into the four stage topics, then measures in the same run (a) the funnel topology and
 * (b) a minimal exactly-once {@code groupByKey().count()} over the same events, from start until
 * all is committed, and prints both rates and their ratio; then the funnel's freshness at a
 * steady rate.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {IntakeBench.class, QueriesBench.class},
        description = "Measures the funnel topology against a minimal exactly-once count, and its freshness; "
                + "'bench intake' measures intake's POST /api/applications against a bare Micronaut endpoint; "
                + "'bench queries' the funnel's queries, failover and restore.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "2000000", description = "Events to write (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rounds", defaultValue = "3",
            description = "How many times to run the pair; the order alternates, and medians are reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--commit-interval-ms", defaultValue = "100",
            description = "commit.interval.ms of the count, and how often the funnel commits once caught up (default ${DEFAULT-VALUE}, exactly-once's default).")
    int commitIntervalMs;

    @Option(names = "--catch-up-commit-interval-ms", defaultValue = "2000",
            description = "commit.interval.ms of the funnel while it is far behind, as the service's default (default ${DEFAULT-VALUE}).")
    int catchUpCommitIntervalMs;

    @Option(names = "--threads", defaultValue = "1", description = "num.stream.threads of both (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--jfr", paramLabel = "DIR", description = "Record a Java Flight Recording of each measured run, and of the funnel service in the freshness run, into DIR.")
    Path jfr;

    @Option(names = "--thread-cpu", description = "Print each measured run's CPU seconds per thread kind (JIT, GC, RocksDB, ...).")
    boolean threadCpu;

    @Option(names = "--skip-freshness", description = "Measure throughput only.")
    boolean skipFreshness;

    @Option(names = "--skip-throughput", description = "Measure freshness only.")
    boolean skipThroughput;

    @Option(names = "--freshness-rate", defaultValue = "5000", description = "Events per second of the freshness run (default ${DEFAULT-VALUE}).")
    int freshnessRate;

    @Option(names = "--freshness-seconds", defaultValue = "30", description = "How long probes are measured (default ${DEFAULT-VALUE}).")
    int freshnessSeconds;

    @Option(names = "--freshness-warmup-seconds", defaultValue = "60",
            description = "How long the steady rate runs before the first probe: the funnel service has just started, "
                    + "and for its first minute its JIT compiler takes CPU from everything else (default ${DEFAULT-VALUE}).")
    int freshnessWarmUpSeconds;

    /** Which brokers to measure on: as the local stack runs by default, without security, or both in turn. */
    enum Security { sasl, none, both }

    @Option(names = "--security", defaultValue = "sasl", paramLabel = "MODE",
            description = "sasl: a broker that authenticates every client (SASL/SCRAM) and authorizes by the declared ACLs, "
                    + "as the local stack runs (default); none: one that does neither; both: each in turn, and what "
                    + "security costs.")
    Security security;

    private Path brokerPidFile;
    /** How the measured applications sign in: the funnel's principal on a secured broker, nothing on another. */
    private Map<String, String> measuredSignIn = Map.of();

    /** What one broker's run measured. */
    private record Figures(double count, double funnel, double rowsOnly, FreshnessRun.Result freshness) {
    }

    public static void main(String[] args) {
        // The funnel's jar brings its service logging; the benchmark prints figures, not logs.
        System.setProperty("logback.configurationFile", "bench-logback.xml");
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<Boolean, Figures> figures = new java.util.LinkedHashMap<>();
        for (boolean secured : security == Security.both ? List.of(false, true) : List.of(security == Security.sasl)) {
            figures.put(secured, measure(secured));
        }
        if (figures.size() == 2) {
            Figures plain = figures.get(false);
            Figures secured = figures.get(true);
            System.out.println();
            System.out.println("what security costs (same run; secured: SASL/SCRAM sign-in, ACLs checked for every request)");
            System.out.printf("%-34s %14s %14s%n", "", "no security", "SASL + ACLs");
            if (!skipThroughput) {
                System.out.printf("%-34s %,14.0f %,14.0f%n", "(a) funnel topology, events/s", plain.funnel(), secured.funnel());
                System.out.printf("%-34s %,14.0f %,14.0f%n", "(a') rows only, events/s", plain.rowsOnly(), secured.rowsOnly());
                System.out.printf("%-34s %,14.0f %,14.0f%n", "(b) count, events/s", plain.count(), secured.count());
                System.out.printf("%-34s %14.2f %14.2f%n", "ratio funnel / count", plain.funnel() / plain.count(),
                        secured.funnel() / secured.count());
                System.out.printf("%-34s %14.2f %14.2f%n", "ratio rows only / count", plain.rowsOnly() / plain.count(),
                        secured.rowsOnly() / secured.count());
            }
            if (!skipFreshness) {
                System.out.printf("%-34s %8d / %3d %8d / %3d%n", "freshness p50 / p99, ms", plain.freshness().p50(),
                        plain.freshness().p99(), secured.freshness().p50(), secured.freshness().p99());
            }
        }
        return 0;
    }

    /** The whole measurement on a broker and registry of its own, secured as the local stack is or not at all. */
    private Figures measure(boolean secured) throws Exception {
        Path home = Files.createTempDirectory("hirestream-bench-");
        LocalStack stack = new LocalStack(StackLayout.fromEnvironment().withHome(home), StackPorts.free(), secured);
        Thread stopper = new Thread(() -> stop(stack, home), "bench-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            System.out.println("starting a broker" + (secured ? " (SASL/SCRAM, ACLs)" : " (no security)")
                    + " and a registry of its own under " + home + " ...");
            stack.up(quiet());
            brokerPidFile = stack.layout().run().resolve("kafka.pid");
            // The bench writes and probes as ops; the measured applications run as the funnel, under its ACLs.
            Map<String, Object> clients = stack.clientSettings(Principal.OPS);
            measuredSignIn = stack.signIn(Principal.FUNNEL);
            Provisioning.apply(clients, TopicSettings.LOCAL, quiet());

            write(clients);
            double count = 0;
            double funnel = 0;
            double rowsOnly = 0;
            if (!skipThroughput) {
                double[] rates = throughput(clients);
                count = rates[0];
                funnel = rates[1];
                rowsOnly = rates[2];
            }
            FreshnessRun.Result freshness = null;
            if (!skipFreshness) {
                Map<String, String> funnelSettings = new java.util.HashMap<>(measuredSignIn);
                funnelSettings.putAll(StackSecrets.serviceEnvironment(stack.layout(), Service.FUNNEL));
                freshness = new FreshnessRun(clients, funnelSettings, stack.issuer().token("bench-probe", List.of(Roles.ANALYST)),
                        freshnessRate, Duration.ofSeconds(freshnessSeconds),
                        Duration.ofSeconds(freshnessWarmUpSeconds), jfr).run();
                System.out.printf("freshness at %,d events/s          p50 %d ms, p99 %d ms, max %d ms (%d probes)%n",
                        freshnessRate, freshness.p50(), freshness.p99(), freshness.max(), freshness.samples());
            }
            return new Figures(count, funnel, rowsOnly, freshness);
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
            stop(stack, home);
        }
    }

    /**
     * The count's and the funnel's events per second, the funnel as the service runs it (rows
     * sliced by cohort week and source) and with its rows alone; medians of the rounds.
     */
    private double[] throughput(Map<String, Object> clients) throws Exception {
        List<String> names = List.of("count", "funnel-rows", "funnel");
        Map<String, List<Double>> rates = new java.util.HashMap<>();
        warmUp(clients);
        for (int round = 1; round <= rounds; round++) {
            // Each run has a JVM of its own; whichever runs first may still find the broker colder: take turns.
            List<String> order = round % 2 == 1 ? names : names.reversed();
            Map<String, Double> measured = new java.util.HashMap<>();
            for (String name : order) {
                measured.put(name, run(name, clients));
                rates.computeIfAbsent(name, n -> new ArrayList<>()).add(measured.get(name));
            }
            System.out.printf("round %d (%s first): count %,.0f events/s, funnel %,.0f (rows only %,.0f) events/s,"
                            + " ratio %.2f (rows only %.2f)%n", round, order.getFirst(), measured.get("count"),
                    measured.get("funnel"), measured.get("funnel-rows"), measured.get("funnel") / measured.get("count"),
                    measured.get("funnel-rows") / measured.get("count"));
        }
        double count = median(rates.get("count"));
        double funnel = median(rates.get("funnel"));
        double rowsOnly = median(rates.get("funnel-rows"));
        System.out.println();
        System.out.printf("events                            %,d%n", events);
        System.out.printf("(b) groupByKey().count(), EOS     %,.0f events/s%n", count);
        System.out.printf("(a) funnel topology, EOS          %,.0f events/s (rows, sliced by week, source and declaration)%n", funnel);
        System.out.printf("(a') funnel, rows only            %,.0f events/s (FUNNEL_SLICES=NONE)%n", rowsOnly);
        System.out.printf("ratio funnel / count              %.2f%n", funnel / count);
        System.out.printf("ratio rows only / count           %.2f%n", rowsOnly / count);
        return new double[] {count, funnel, rowsOnly};
    }

    /** Reads every event once, so that neither measured application is the first to touch the broker's data. */
    private static void warmUp(Map<String, Object> clients) {
        Map<String, Object> config = ClientSettings.kafka(clients, Map.of("max.poll.records", "5000"));
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                config, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (Topic<String, ?> topic : Topics.APPLICATION_EVENTS) {
                consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long started = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200));
            }
            System.out.printf("warm-up: read every event once in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private void write(Map<String, Object> clients) throws Exception {
        Map<String, Object> producer = new HashMap<>(clients);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        producer.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long started = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long applications;
        try (KafkaProducer<String, SpecificRecord> out = new KafkaProducer<>(producer, new StringSerializer(),
                new AvroSerializer<>(clients, false))) {
            applications = EventMix.history(42).generate(events, record -> out.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            }));
            out.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("wrote %,d events of %,d applications in %.1f s (%,.0f events/s)%n",
                events, applications, seconds, events / seconds);
    }

    /** Runs one application in a JVM of its own and returns its events per second. */
    private double run(String name, Map<String, Object> clients) throws Exception {
        List<String> command = jvm(jfr, name);
        command.add("-Xmx1g");
        if (threadCpu) {
            command.add("-Dhirestream.bench.thread-cpu=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StreamsRunMain.class.getName(), name,
                clients.get("bootstrap.servers").toString(), clients.get(RegistryConfig.URL).toString(),
                Integer.toString(commitIntervalMs), Integer.toString(threads), Integer.toString(catchUpCommitIntervalMs)));
        double brokerBefore = brokerCpuSeconds();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(measuredSignIn);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(name + " run failed:\n" + output);
        }
        double brokerCpu = brokerCpuSeconds() - brokerBefore;
        output.lines().filter(line -> line.startsWith("thread-cpu")).forEach(line -> System.out.println("    " + line));
        double seconds = Double.parseDouble(value(output, "seconds=", name));
        double appCpu = Double.parseDouble(value(output, "cpu-seconds=", name));
        System.out.printf("  %-6s %6.1f s, %,7.0f events/s; CPU: application %5.1f s, broker %5.1f s%n",
                name, seconds, events / seconds, appCpu, brokerCpu);
        return events / seconds;
    }

    /**
     * The start of a command line for a JVM of the benchmark's own (this java, native access for
     * RocksDB), recording a profiling flight recording into {@code jfr}/NAME.jfr when a folder is given.
     */
    static List<String> jvm(Path jfr, String name) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED"));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=filename=" + jfr.resolve(name + ".jfr") + ",settings=profile");
        }
        return command;
    }

    private static String value(String output, String prefix, String name) {
        return output.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> line.substring(prefix.length()))
                .orElseThrow(() -> new IllegalStateException(name + " run printed no " + prefix + ":\n" + output));
    }

    /** CPU seconds the broker process has used so far, from /proc; 0 where that is not readable. */
    private double brokerCpuSeconds() {
        try {
            String pid = Files.readString(brokerPidFile).trim();
            String[] fields = Files.readString(Path.of("/proc", pid, "stat")).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Stops everything the stack started, by pid, and removes its home. */
    static void stop(LocalStack stack, Path home) {
        stack.down(quiet());
        Folders.deleteQuietly(home);
    }

    static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
