package io.hirestream.bench;

import io.hirestream.access.Roles;
import io.hirestream.events.ApplicationScreened;
import io.hirestream.events.ApplicationSource;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Degree;
import io.hirestream.events.Outcome;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.Service;
import io.hirestream.stack.ServiceProcess;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.stack.StackSecrets;
import io.hirestream.topics.Principal;
import io.hirestream.topics.Topic;
import io.hirestream.topics.TopicSettings;
import io.hirestream.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ops/hirestream bench queries}: on a broker and registry of its own (secured as the local
 * stack is), two funnel instances over a funnel of ROLES x LOCATIONS rows; while events arrive at a
 * steady rate, after a warm-up, a fixed number of queries of each kind from a fixed number of
 * clients (a closed loop, or due at a fixed rate), half to each instance; prints queries/s, p50 and
 * p99 per kind against the goals, and in the same run, under the same arriving events, the same
 * number of requests to a bare Micronaut endpoint in a JVM like the funnel's that answers as many
 * bytes without computing anything: what this machine allows any query of that size. Then, with
 * the traffic stopped, how long until both instances count every application, how long full
 * answers take after one instance is killed (SIGKILL), and how long an instance started on an
 * empty disk takes to answer the whole funnel and every application, without a standby and with one.
 */
@Command(name = "queries", mixinStandardHelpOptions = true,
        description = "Measures the funnel's queries on two instances while events arrive, failover, and restore.")
final class QueriesBench implements Callable<Integer> {

    private static final double GOAL_ROW_P99 = 10;
    private static final double GOAL_PAGE_P99 = 50;
    private static final double GOAL_PER_SECOND = 1_000;
    private static final Pattern TOTAL_APPLIED = Pattern.compile("\"total\"\\s*:\\s*\\{.*?\"reached\"\\s*:\\s*\\{[^}]*?\"APPLIED\"\\s*:\\s*(\\d+)",
            Pattern.DOTALL);

    @Option(names = "--roles", defaultValue = "100", description = "Roles (default ${DEFAULT-VALUE}); rows are roles x locations.")
    int roles;

    @Option(names = "--locations", defaultValue = "100", description = "Locations (default ${DEFAULT-VALUE}).")
    int locations;

    @Option(names = "--per-row", defaultValue = "3", description = "Applications per row before measuring (default ${DEFAULT-VALUE}).")
    int perRow;

    @Option(names = "--rate", defaultValue = "5000", description = "Events per second arriving while queries are measured (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--requests", defaultValue = "20000", description = "Queries per kind (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--query-rate", defaultValue = "0",
            description = "Queries per second of each kind, due at that fixed rate and timed from when due; 0: a closed loop,"
                    + " each client asking again when answered (default ${DEFAULT-VALUE}).")
    double queryRate;

    // The instances' JIT compilers were still busy a minute into the queries (C2 14% of an instance's CPU in a
    // profile of their first 30 s), and the instances fell furthest behind the events then: measured, that was start-up.
    @Option(names = "--warmup-seconds", defaultValue = "60",
            description = "Seconds of arriving events and queries of every kind before measuring (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--processing-nice",
            description = "The instances' FUNNEL_PROCESSING_NICE: the nice value of their event-processing threads, below the"
                    + " queries' (default: as the service ships; 0: the same priority).")
    Integer processingNice;

    @Option(names = "--restore-applications", defaultValue = "1000000",
            description = "Applications the funnel holds for the restore figures; 0 skips them (default ${DEFAULT-VALUE}).")
    long restoreApplications;

    private final Random random = new Random(11);
    private final AtomicLong written = new AtomicLong();
    /** Records written to the stage topics (an application's applied event, and for some its screened one). */
    private final AtomicLong records = new AtomicLong();
    private final List<String> sampleApplications = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("hirestream-bench-queries-");
        LocalStack stack = new LocalStack(StackLayout.fromEnvironment().withHome(home), StackPorts.free(), true);
        List<ServiceProcess> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
        BareEndpointProcess bare = new BareEndpointProcess(StackLayout.fromEnvironment().withHome(home.resolve("bare")),
                StackPorts.freePort(), Service.FUNNEL);
        // Stopped on an interrupt too: the instances and the bare endpoint this bench started, then its broker and registry.
        Thread stopper = new Thread(() -> {
            instances.forEach(instance -> instance.process().stop(Duration.ofSeconds(20)));
            bare.process().stop(Duration.ofSeconds(20));
            BenchCommand.stop(stack, home);
        }, "bench-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            System.out.println("starting a broker (SASL/SCRAM, ACLs) and a registry of its own under " + home + " ...");
            stack.up(BenchCommand.quiet());
            Map<String, Object> kafka = stack.clientSettings(Principal.OPS);
            Provisioning.apply(kafka, TopicSettings.LOCAL, BenchCommand.quiet());
            String token = stack.issuer().token("bench-analyst", List.of(Roles.ANALYST, Roles.RECRUITER));
            Map<String, String> settings = new HashMap<>(stack.signIn(Principal.FUNNEL));
            settings.putAll(StackSecrets.serviceEnvironment(stack.layout(), Service.FUNNEL));
            settings.put(Service.FUNNEL.variable("APPLICATION_ID"), "hirestream-funnel-bench-" + UUID.randomUUID().toString().substring(0, 8));
            if (processingNice != null) {
                settings.put(Service.FUNNEL.variable("PROCESSING_NICE"), Integer.toString(processingNice));
            }

            try (KafkaProducer<String, SpecificRecord> producer = producer(kafka)) {
                long started = System.nanoTime();
                for (int r = 0; r < roles; r++) {
                    for (int l = 0; l < locations; l++) {
                        for (int k = 0; k < perRow; k++) {
                            apply(producer, role(r), location(l));
                        }
                    }
                }
                producer.flush();
                System.out.printf("wrote %,d applications over %,d rows in %.1f s%n", written.get(), roles * locations,
                        (System.nanoTime() - started) / 1e9);

                instances.add(instance(stack, settings, home.resolve("a")));
                instances.add(instance(stack, settings, home.resolve("b")));
                LocalStack.startAndAwait(instances, BenchCommand.quiet());
                LocalStack.startAndAwait(List.of(bare), BenchCommand.quiet());
                long caughtUp = System.nanoTime();
                awaitTotal(instances, token, written.get(), Duration.ofMinutes(5));
                System.out.printf("two funnel instances count them all (%.1f s after both were up)%n",
                        (System.nanoTime() - caughtUp) / 1e9);

                measureQueries(producer, instances, bare, token, kafka, settings.get(Service.FUNNEL.variable("APPLICATION_ID")));
                bare.process().stop(Duration.ofSeconds(20));

                producer.flush();
                long stopped = System.nanoTime();
                awaitTotal(instances, token, written.get(), Duration.ofMinutes(10));
                System.out.printf("both instances count every application %.1f s after the events stopped%n",
                        (System.nanoTime() - stopped) / 1e9);
                failover(instances, token);
            }
            if (restoreApplications > 0) {
                restore(stack, kafka, settings, home, instances, token);
            }
            return 0;
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
            stopper.run();
        }
    }

    /** The queries of each kind, while events keep arriving at the steady rate. */
    private void measureQueries(KafkaProducer<String, SpecificRecord> producer, List<ServiceProcess> instances,
                                BareEndpointProcess bare, String token, Map<String, Object> kafka, String funnelGroup) throws Exception {
        AtomicBoolean arriving = new AtomicBoolean(true);
        AtomicReference<Exception> failure = new AtomicReference<>();
        // How far the instances' committed position falls behind the arriving events: queries that starve the
        // stream threads would otherwise look fast while the funnel they answer from grows stale.
        AtomicLong mostBehind = new AtomicLong();
        AtomicLong latestBehind = new AtomicLong();
        List<String> stageTopics = Topics.APPLICATION_EVENTS.stream().map(Topic::name).toList();
        Thread lag = Thread.ofPlatform().name("funnel-lag").start(() -> {
            try (Admin admin = Provisioning.admin(kafka)) {
                while (arriving.get()) {
                    long behind = StreamsRun.recordsBehind(admin, funnelGroup, StreamsRun.endOffsets(admin, stageTopics));
                    mostBehind.accumulateAndGet(behind, Math::max);
                    latestBehind.set(behind);
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure.set(e);
            }
        });
        AtomicLong arrived = new AtomicLong();
        Thread traffic = Thread.ofPlatform().name("steady-traffic").start(() -> {
            long start = System.nanoTime();
            try {
                while (arriving.get()) {
                    long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                    while (arrived.get() < due) {
                        apply(producer, role(random.nextInt(roles)), location(random.nextInt(locations)));
                        arrived.incrementAndGet();
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
        long warming = System.nanoTime();
        List<Kind> kinds = List.of(
                new Kind("one row by role and location", GOAL_ROW_P99, i -> URI.create("/api/funnel?role="
                        + encode(role(i % roles)) + "&location=" + encode(location((i / roles) % locations)))),
                new Kind("first page of all rows (100)", GOAL_PAGE_P99, i -> URI.create("/api/funnel")),
                new Kind("first page by role (100)", GOAL_PAGE_P99, i -> URI.create("/api/funnel/by-role")),
                new Kind("a role's rows (100 locations)", GOAL_PAGE_P99, i -> URI.create("/api/funnel?role=" + encode(role(i % roles)))));
        List<IntFunction<HttpLoad.Request>> bareRequests = new ArrayList<>();
        for (Kind kind : kinds) {
            // The bare endpoint answers as many bytes as the kind's answer has.
            int bytes = HttpLoad.once(kind.request(instances, token).apply(0)).body().getBytes(StandardCharsets.UTF_8).length;
            URI answer = URI.create(bare.url() + "/api/answer/" + bytes);
            bareRequests.add(i -> HttpLoad.Request.get(answer, token));
        }
        // Every kind and its bare endpoint in turn, a couple of seconds' worth each, at least once.
        int chunk = queryRate > 0 ? (int) Math.max(100, queryRate * 2) : 2_000;
        do {
            for (int k = 0; k < kinds.size(); k++) {
                HttpLoad.run(clients, chunk, queryRate, 200, bareRequests.get(k));
                HttpLoad.run(clients, chunk, queryRate, 200, kinds.get(k).request(instances, token));
            }
        } while (System.nanoTime() - warming < warmupSeconds * 1_000_000_000L);
        long started = System.nanoTime();
        long arrivedBefore = arrived.get();
        long recordsBefore = records.get();
        System.out.printf("%nwarmed up for %.0f s while the events arrived; the instances %,d records behind them as measuring begins%n",
                (started - warming) / 1e9, latestBehind.get());
        mostBehind.set(latestBehind.get());
        System.out.printf("%nfunnel queries: %,d rows, two instances, %d clients, %,d queries per kind (%s), while %,d events/s arrive;%n",
                roles * locations, clients, requests, queryRate > 0 ? String.format("due at %,.0f/s", queryRate) : "closed loop", rate);
        System.out.printf("the instances' event-processing threads at %s (FUNNEL_PROCESSING_NICE), their queries at nice 0%n",
                processingNice == null ? "the service's default nice" : "nice " + processingNice);
        System.out.println("each against a bare Micronaut endpoint in a JVM like the funnel's answering as many bytes, in the same run");
        System.out.printf("%n%-32s %10s %9s %9s %7s  %s%n", "query", "queries/s", "p50 ms", "p99 ms", "failed", "goal");
        boolean met = true;
        for (int k = 0; k < kinds.size(); k++) {
            Kind kind = kinds.get(k);
            // Take turns at who goes first, so that neither always finds the machine warmer.
            HttpLoad.Result bareResult = k % 2 == 0 ? HttpLoad.run(clients, requests, queryRate, 200, bareRequests.get(k)) : null;
            HttpLoad.Result result = HttpLoad.run(clients, requests, queryRate, 200, kind.request(instances, token));
            if (bareResult == null) {
                bareResult = HttpLoad.run(clients, requests, queryRate, 200, bareRequests.get(k));
            }
            boolean kindMet = result.p99Millis() <= kind.goalP99() && result.perSecond() >= GOAL_PER_SECOND && result.failed() == 0;
            met &= kindMet;
            System.out.printf("%-32s %,10.0f %9.1f %9.1f %7d  p99 <= %.0f ms, >= %,.0f/s: %s%n", kind.name(), result.perSecond(),
                    result.p50Millis(), result.p99Millis(), result.failed(), kind.goalP99(), GOAL_PER_SECOND, kindMet ? "met" : "not met");
            if (result.failed() > 0) {
                System.out.println("  first failure: " + result.firstFailure());
            }
            System.out.printf("%-32s %,10.0f %9.1f %9.1f %7d%n", "  bare Micronaut, as many bytes", bareResult.perSecond(),
                    bareResult.p50Millis(), bareResult.p99Millis(), bareResult.failed());
        }
        arriving.set(false);
        traffic.join();
        lag.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("events arriving meanwhile: %,d in %.1f s (%,.0f/s); all goals %s%n", arrived.get() - arrivedBefore, seconds,
                (arrived.get() - arrivedBefore) / seconds, met ? "met" : "not met");
        double recordsPerSecond = (records.get() - recordsBefore) / seconds;
        System.out.printf("the instances behind the arriving events (committed): at most %,d records (%.1f s of arrivals),"
                + " %,d at the end (%.1f s)%n", mostBehind.get(), mostBehind.get() / recordsPerSecond,
                latestBehind.get(), latestBehind.get() / recordsPerSecond);
    }

    /** Kills one of the two instances without warning; how long until the other answers the whole funnel again. */
    private void failover(List<ServiceProcess> instances, String token) throws Exception {
        ServiceProcess lost = instances.get(0);
        ServiceProcess survivor = instances.get(1);
        kill(lost);
        long killed = System.nanoTime();
        awaitTotal(List.of(survivor), token, written.get(), Duration.ofMinutes(2));
        System.out.printf("%nfailover: full answers from the survivor %,.0f ms after one of two instances was killed (SIGKILL)%n",
                (System.nanoTime() - killed) / 1e6);
        instances.remove(lost);
    }

    /**
     * With the funnel holding {@code restoreApplications} applications: an instance started on an
     * empty disk alone (no standby anywhere), then that instance's loss while a second one holds
     * standby replicas; how long until the whole funnel and every sampled application answer.
     */
    private void restore(LocalStack stack, Map<String, Object> kafka, Map<String, String> settings, Path home,
                         List<ServiceProcess> instances, String token) throws Exception {
        ServiceProcess survivor = instances.getFirst();
        try (KafkaProducer<String, SpecificRecord> producer = producer(kafka)) {
            long started = System.nanoTime();
            while (written.get() < restoreApplications) {
                apply(producer, role(random.nextInt(roles)), location(random.nextInt(locations)));
            }
            producer.flush();
            System.out.printf("%nrestore: wrote applications up to %,d in %.1f s; ", written.get(), (System.nanoTime() - started) / 1e9);
        }
        long counting = System.nanoTime();
        awaitTotal(List.of(survivor), token, written.get(), Duration.ofMinutes(15));
        System.out.printf("the funnel counted them in %.1f s%n", (System.nanoTime() - counting) / 1e9);
        survivor.process().stop(Duration.ofSeconds(30));
        instances.clear();

        // The same host and port as the stopped instance, so the same static member: its disk was replaced.
        ServiceProcess alone = new ServiceProcess(StackLayout.fromEnvironment().withHome(home.resolve("restore-alone")),
                Service.FUNNEL, survivor.port(), stack.ports().kafkaBootstrap(), stack.ports().registryUrl(), settings);
        instances.add(alone);
        long started = System.nanoTime();
        LocalStack.startAndAwait(List.of(alone), BenchCommand.quiet());
        awaitTotal(List.of(alone), token, written.get(), Duration.ofMinutes(15));
        long funnel = System.nanoTime();
        awaitApplications(alone, token, Duration.ofMinutes(15));
        System.out.printf("an instance started on an empty disk, no standby anywhere: whole funnel after %.1f s, every sampled"
                + " application after %.1f s (its tasks restore %,d applications from the changelog)%n",
                (funnel - started) / 1e9, (System.nanoTime() - started) / 1e9, written.get());

        ServiceProcess standby = instance(stack, settings, home.resolve("restore-standby"));
        instances.add(standby);
        LocalStack.startAndAwait(List.of(standby), BenchCommand.quiet());
        long copying = System.nanoTime();
        awaitLocalCopies(standby, stack.issuer().token("bench-ops", List.of(Roles.OPS)), Duration.ofMinutes(15));
        System.out.printf("a second instance holds a copy of every sampled application %.1f s after it was up%n",
                (System.nanoTime() - copying) / 1e9);
        kill(alone);
        instances.remove(alone);
        long lost = System.nanoTime();
        awaitTotal(List.of(standby), token, written.get(), Duration.ofMinutes(5));
        long whole = System.nanoTime();
        awaitApplications(standby, token, Duration.ofMinutes(15));
        System.out.printf("the first instance lost (SIGKILL) while the second holds standby replicas: whole funnel after %.1f s,"
                + " every sampled application after %.1f s%n", (whole - lost) / 1e9, (System.nanoTime() - lost) / 1e9);
    }

    /** Until the instance's own stores (active or standby) hold every sampled application. */
    private void awaitLocalCopies(ServiceProcess instance, String opsToken, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String application : sampleApplications) {
            int partition = Utils.toPositive(Utils.murmur2(application.getBytes(StandardCharsets.UTF_8))) % TopicSettings.LOCAL.partitions();
            URI uri = URI.create(instance.url() + "/internal/state/funnel-applications/keys/" + application + "?partition="
                    + partition + "&stale=true");
            while (HttpLoad.once(HttpLoad.Request.get(uri, opsToken)).status() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(instance.url() + " holds no copy of application " + application);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Without warning (SIGKILL), as a crash or a lost machine. */
    private static void kill(ServiceProcess instance) {
        instance.process().running().ifPresent(handle -> {
            handle.destroyForcibly();
            handle.onExit().join();
        });
    }

    private ServiceProcess instance(LocalStack stack, Map<String, String> settings, Path home) {
        return new ServiceProcess(StackLayout.fromEnvironment().withHome(home), Service.FUNNEL, StackPorts.freePort(),
                stack.ports().kafkaBootstrap(), stack.ports().registryUrl(), settings);
    }

    /** Until every instance's funnel counts this many applications. */
    private static void awaitTotal(List<ServiceProcess> instances, String token, long applications, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServiceProcess instance : instances) {
            long seen = -1;
            while (seen != applications) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(instance.url() + " counts " + seen + " applications, not " + applications);
                }
                try {
                    HttpLoad.Answer answer = HttpLoad.once(HttpLoad.Request.get(URI.create(instance.url() + "/api/funnel?limit=1"), token));
                    Matcher total = TOTAL_APPLIED.matcher(answer.body());
                    seen = answer.status() == 200 && total.find() ? Long.parseLong(total.group(1)) : -1;
                } catch (IOException notUp) {
                    seen = -1;
                }
                if (seen != applications) {
                    Thread.sleep(20);
                }
            }
        }
    }

    /** Until the instance answers for every sampled application (one per thousand written, spread over all partitions). */
    private void awaitApplications(ServiceProcess instance, String token, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String application : sampleApplications) {
            URI uri = URI.create(instance.url() + "/api/applications/" + application);
            while (true) {
                int status;
                try {
                    status = HttpLoad.once(HttpLoad.Request.get(uri, token)).status();
                } catch (IOException notUp) {
                    status = -1;
                }
                if (status == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(instance.url() + " does not answer for application " + application + ": " + status);
                }
                Thread.sleep(20);
            }
        }
    }

    /** One application: applied, and screened an hour or more later for three in ten. */
    private void apply(KafkaProducer<String, SpecificRecord> producer, String role, String location) {
        String applicationId = UUID.randomUUID().toString();
        long n = written.incrementAndGet();
        if (n % 1_000 == 1 && sampleApplications.size() < 200) {
            sampleApplications.add(applicationId);
        }
        Instant applied = Instant.now().minus(Duration.ofDays(10));
        records.incrementAndGet();
        producer.send(new ProducerRecord<>(Topics.APPLIED.name(), applicationId, new ApplicationSubmitted(
                UUID.randomUUID().toString(), applicationId, "req-bench", role, location, applied, "bench-candidate",
                ApplicationSource.CAREERS_SITE, 8, Degree.MASTERS, "US")));
        if (n % 10 < 3) {
            records.incrementAndGet();
            producer.send(new ProducerRecord<>(Topics.SCREENED.name(), applicationId, new ApplicationScreened(
                    UUID.randomUUID().toString(), applicationId, "req-bench", role, location,
                    applied.plus(Duration.ofMinutes(60 + n % 5_000)), n % 3 == 0 ? Outcome.REJECTED : Outcome.PASSED,
                    List.of(), "bench", "bench-candidate")));
        }
    }

    private static KafkaProducer<String, SpecificRecord> producer(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer<>(kafka, false));
    }

    private static String role(int i) {
        return "Role " + i;
    }

    private static String location(int i) {
        return "Location " + i;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A kind of query: its path for the i-th request, sent to the instances in turn. */
    private record Kind(String name, double goalP99, IntFunction<URI> path) {

        IntFunction<HttpLoad.Request> request(List<ServiceProcess> instances, String token) {
            return i -> HttpLoad.Request.get(URI.create(instances.get(i % instances.size()).url()).resolve(path.apply(i)), token);
        }
    }
}
