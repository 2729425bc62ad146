package io.hirestream.bench;

import io.hirestream.registry.RegistryConfig;
import io.hirestream.clients.ClientSettings;
import io.hirestream.events.ApplicationSource;
import io.hirestream.events.ApplicationSubmitted;
import io.hirestream.events.Degree;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.serde.AvroSerializer;
import io.hirestream.stack.Folders;
import io.hirestream.stack.ManagedProcess;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Freshness: the funnel service runs as its own process on the benchmark's broker; once it has caught up, a
 * producer writes a realistic stream at a steady rate, and every 50 ms a probe: an applied event
 * of a row of its own. Probes all go to one partition, so they are processed in order, and a
 * poller that reads {@code /api/funnel} for the probe row every 5 ms sees probe n
 * once the row counts n applications. Latency is from the broker's acknowledgement of a probe's
 * append to the first answer that shows it.
 */
final class FreshnessRun {

    private static final String PROBE_ROLE = "freshness-probe";
    private static final String PROBE_LOCATION = "probe";
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
    /** How often the poller asks; latencies are measured to within this much. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    /** The steady traffic goes out in a batch every tick, as a busy producer's does. */
    private static final Duration TICK = Duration.ofMillis(10);

    private final Map<String, Object> clients;
    private final Map<String, String> signIn;
    private final String bearerToken;
    private final int rate;
    private final Duration duration;

    private final Duration warmUp;
    private final Path jfr;

    /**
     * @param clients the bench's own client settings (it writes and probes with them)
     * @param signIn  the environment variables that sign the funnel service in to Kafka (none on a broker without
     *                security), and tell it whose tokens to trust
     * @param bearerToken the poller's token (a funnel reader's)
     */
    FreshnessRun(Map<String, Object> clients, Map<String, String> signIn, String bearerToken, int rate, Duration duration,
                 Duration warmUp, Path jfr) {
        this.clients = clients;
        this.signIn = signIn;
        this.bearerToken = bearerToken;
        this.rate = rate;
        this.duration = duration;
        this.warmUp = warmUp;
        this.jfr = jfr;
    }

    Result run() throws Exception {
        int port = freePort();
        // Under the funnel's application-id prefix, so that its ACLs allow its group, transactions and internal topics.
        String applicationId = "hirestream-funnel-bench-" + UUID.randomUUID().toString().substring(0, 8);
        java.nio.file.Path stateDir = Files.createTempDirectory("bench-freshness-");
        Process service = startService(port, applicationId, stateDir);
        try (HttpClient http = HttpClient.create(URI.create("http://127.0.0.1:" + port).toURL());
             Admin admin = Provisioning.admin(clients)) {
            System.out.printf("freshness: the funnel service (pid %d) catches up on what is already written ...%n", service.pid());
            awaitCaughtUp(admin, applicationId);
            return measure(http.toBlocking());
        } finally {
            service.destroy();
            if (!service.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
                service.waitFor();
            }
            Folders.deleteQuietly(stateDir);
        }
    }

    /**
     * The funnel service as its own process in a session of its own, as the local stack runs it, configured by
     * environment variables: on this host's autogroups its threads then share the cores with their own process
     * only, not with this bench's writers and poller.
     */
    private Process startService(int port, String applicationId, java.nio.file.Path stateDir) throws IOException {
        List<String> command = BenchCommand.jvm(jfr, "freshness");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hirestream.funnel.FunnelApplication"));
        ProcessBuilder builder = new ProcessBuilder(ManagedProcess.inSessionOfItsOwn(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", clients.get("bootstrap.servers").toString());
        env.put(ClientSettings.REGISTRY_URL, clients.get(RegistryConfig.URL).toString());
        env.put("FUNNEL_PORT", Integer.toString(port));
        env.put("FUNNEL_APPLICATION_ID", applicationId);
        env.putAll(signIn);
        env.put("FUNNEL_STATE_DIR", stateDir.toString());
        return builder.start();
    }

    private Result measure(BlockingHttpClient http) throws Exception {
        Map<Long, Long> ackedAt = new ConcurrentHashMap<>();
        Map<Long, Long> seenAt = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread poller = new Thread(() -> poll(http, bearerToken, running, seenAt), "freshness-poller");
        poller.start();
        // The steady traffic batches as any busy producer does; the probes go out at once.
        System.out.printf("freshness: %d s of steady traffic at %,d events/s, then %d s of probes ...%n",
                warmUp.toSeconds(), rate, duration.toSeconds());
        Map<String, Object> traffic = new HashMap<>(clients);
        traffic.put(ProducerConfig.ACKS_CONFIG, "all");
        traffic.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Map<String, Object> probing = new HashMap<>(clients);
        probing.put(ProducerConfig.ACKS_CONFIG, "all");
        probing.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        List<String> probeKeys = keysOnPartitionZero((int) (duration.toMillis() / PROBE_INTERVAL.toMillis()) + 1);
        EventMix mix = EventMix.live(7);
        long probes = 0;
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(traffic, new StringSerializer(),
                new AvroSerializer<>(clients, false));
             KafkaProducer<String, SpecificRecord> prober = new KafkaProducer<>(probing, new StringSerializer(),
                     new AvroSerializer<>(clients, false))) {
            long start = System.nanoTime();
            long end = start + warmUp.toNanos() + duration.toNanos();
            long sent = 0;
            // The steady rate runs for the warm-up before the first probe: freshness is a steady-state figure.
            long nextProbe = start + warmUp.toNanos();
            List<ProducerRecord<String, SpecificRecord>> buffer = new ArrayList<>();
            while (System.nanoTime() < end) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                if (sent < due) {
                    buffer.clear();
                    mix.generate(due - sent, buffer::add);
                    buffer.forEach(producer::send);
                    sent = due;
                }
                if (System.nanoTime() >= nextProbe) {
                    long n = ++probes;
                    Instant now = Instant.now();
                    ApplicationSubmitted probe = new ApplicationSubmitted(UUID.randomUUID().toString(), probeKeys.get((int) n - 1),
                            "probe", PROBE_ROLE, PROBE_LOCATION, now, "probe", ApplicationSource.OTHER, 1, Degree.NONE, "US");
                    prober.send(new ProducerRecord<>(Topics.APPLIED.name(), probe.getApplicationId(), probe),
                            (metadata, e) -> {
                                if (e == null) {
                                    ackedAt.put(n, System.nanoTime());
                                }
                            });
                    nextProbe += PROBE_INTERVAL.toNanos();
                }
                Thread.sleep(TICK.toMillis());
            }
            producer.flush();
            prober.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seenAt.size() < probes && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        running.set(false);
        poller.join();
        List<Long> latencies = new ArrayList<>();
        for (long n = 1; n <= probes; n++) {
            Long acked = ackedAt.get(n);
            Long seen = seenAt.get(n);
            if (acked != null && seen != null) {
                latencies.add(Math.max(0, (seen - acked) / 1_000_000));
            }
        }
        latencies.sort(null);
        if (latencies.size() < probes) {
            System.out.printf("freshness: %d of %d probes were never seen%n", probes - latencies.size(), probes);
        }
        return new Result(percentile(latencies, 0.5), percentile(latencies, 0.99),
                latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), latencies.size());
    }

    /** Reads the probe row as fast as the funnel answers, noting when each probe count first shows. */
    private static void poll(BlockingHttpClient http, String bearerToken, AtomicBoolean running, Map<Long, Long> seenAt) {
        long seen = 0;
        while (running.get()) {
            try {
                Map<String, Object> answer = http.retrieve(HttpRequest.GET("/api/funnel?role=" + PROBE_ROLE).bearerAuth(bearerToken),
                        Argument.mapOf(String.class, Object.class));
                long now = System.nanoTime();
                long count = probeCount(answer);
                for (long n = seen + 1; n <= count; n++) {
                    seenAt.putIfAbsent(n, now);
                }
                seen = Math.max(seen, count);
            } catch (RuntimeException e) {
                // a 503 while the service settles: try again
            }
            pause(POLL_INTERVAL);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static long probeCount(Map<String, Object> answer) {
        for (Map<String, Object> row : (List<Map<String, Object>>) answer.get("rows")) {
            if (PROBE_LOCATION.equals(row.get("location"))) {
                return ((Map<String, Number>) row.get("reached")).get("APPLIED").longValue();
            }
        }
        return 0;
    }

    /** Application ids whose records the default partitioner puts on partition 0 of six, so probes keep their order. */
    private static List<String> keysOnPartitionZero(int count) {
        List<String> keys = new ArrayList<>();
        while (keys.size() < count) {
            String key = "probe-" + UUID.randomUUID();
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 6 == 0) {
                keys.add(key);
            }
        }
        return keys;
    }

    private void awaitCaughtUp(Admin admin, String group) throws Exception {
        List<String> inputs = Topics.APPLICATION_EVENTS.stream().map(Topic::name).toList();
        Map<TopicPartition, Long> ends = StreamsRun.endOffsets(admin, inputs);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (StreamsRun.recordsBehind(admin, group, ends) == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the funnel service did not catch up within 10 minutes");
    }

    private static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get((int) Math.max(0, Math.ceil(q * sorted.size()) - 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    record Result(long p50, long p99, long max, int samples) {
    }
}
