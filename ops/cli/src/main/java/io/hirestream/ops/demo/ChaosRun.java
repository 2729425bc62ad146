package io.hirestream.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.hirestream.access.Roles;
import io.hirestream.ops.kafka.Clusters;
import io.hirestream.ops.kafka.RangeReader;
import io.hirestream.ops.rebuild.FunnelRebuild;
import io.hirestream.stack.ManagedProcess;
import io.hirestream.stack.Service;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.TokenIssuer;
import io.hirestream.topics.Topic;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Traffic through the services' HTTP APIs while services are killed (SIGKILL) and the broker is
 * restarted, then the verdict from the topics: no application has two events of a stage, every
 * application reached the stage it was driven to, and the funnel equals an offline recomputation.
 * Each application is driven to a planned end: rejected at screening (it applies from outside the
 * posting's countries), rejected at the interview (a STRONG_NO), or offered (approved). Every call
 * is retried until it is answered, as a patient client would, with the same Idempotency-Key.
 */
public final class ChaosRun {

    /** What to run. */
    public record Settings(int applications, List<Service> kill, int kills, int brokerRestarts, int clients,
                           Duration timeout, long seed) {
    }

    /** Where an application is driven to. */
    enum End {
        SCREENED(1), INTERVIEWED(2), OFFERED(3);

        final int stage;

        End(int stage) {
            this.stage = stage;
        }
    }

    private static final List<Topic<String, ?>> STAGES = Topics.APPLICATION_EVENTS;
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(180);

    private final Settings settings;
    private final StackLayout layout;
    private final Admin admin;
    private final Map<String, Object> clientConfigs;
    private final PrintStream out;
    private final DemoClient client;
    private final RandomGenerator random;
    private final Map<Service, String> urls = new HashMap<>();
    private final Map<String, End> planned = new ConcurrentHashMap<>();
    private final Set<String> feedbackGiven = ConcurrentHashMap.newKeySet();
    private final Set<String> offersApproved = ConcurrentHashMap.newKeySet();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicBoolean submitting = new AtomicBoolean(true);
    private final Instant started = Instant.now();

    public ChaosRun(Settings settings, StackLayout layout, Admin admin, Map<String, Object> clientConfigs,
                    PrintStream out) {
        this.settings = settings;
        this.layout = layout;
        this.admin = admin;
        this.clientConfigs = clientConfigs;
        this.client = new DemoClient(TokenIssuer.forHome(layout), "chaos");
        this.out = out;
        this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(settings.seed());
        for (Service service : Service.values()) {
            urls.put(service, service.localUrl(layout));
        }
    }

    /** Runs the whole thing; 0 where every check holds, 1 where any does not. */
    public int run() throws InterruptedException {
        String role = "Chaos Engineer " + UUID.randomUUID().toString().substring(0, 8);
        String requisitionId = openRequisition(role);
        List<End> plan = plan();
        out.printf("chaos: %,d applications to %s (role %s): %s; %d kills among %s, %d broker restarts%n",
                plan.size(), urls.get(Service.INTAKE), role, counts(plan), settings.kills(),
                settings.kill().stream().map(Service::id).toList(),
                settings.brokerRestarts());
        Thread people = Thread.ofPlatform().name("chaos-people").daemon().start(this::playPeople);
        Thread chaos = Thread.ofPlatform().name("chaos-faults").daemon().start(this::injectFaults);
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < plan.size(); i++) {
            End end = plan.get(i);
            String key = "chaos-" + run + "-" + i;
            clients.submit(() -> apply(requisitionId, key, end));
        }
        clients.shutdown();
        while (!clients.awaitTermination(10, TimeUnit.SECONDS)) {
            progress("submitting");
        }
        submitting.set(false);
        chaos.join();
        progress("submitted");
        Map<Topic<String, ?>, Map<String, Integer>> events = awaitEnds();
        submitting.set(false);
        people.interrupt();
        return verdict(role, events);
    }

    private List<End> plan() {
        List<End> plan = new ArrayList<>();
        for (int i = 0; i < settings.applications(); i++) {
            int roll = random.nextInt(100);
            plan.add(roll < 60 ? End.SCREENED : roll < 80 ? End.INTERVIEWED : End.OFFERED);
        }
        return plan;
    }

    private static String counts(List<End> plan) {
        Map<End, Long> counts = new LinkedHashMap<>();
        for (End end : End.values()) {
            counts.put(end, plan.stream().filter(end::equals).count());
        }
        return counts.entrySet().stream().map(e -> String.format("%,d to %s", e.getValue(), e.getKey()))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    private String openRequisition(String role) throws InterruptedException {
        Map<String, Object> opening = new LinkedHashMap<>();
        opening.put("role", role);
        opening.put("location", "Remote, US");
        opening.put("department", "Reliability");
        opening.put("salaryMin", 158950);
        opening.put("salaryMax", 327000);
        opening.put("currency", "USD");
        opening.put("minYearsOfExperience", 8);
        opening.put("minDegree", "MASTERS");
        opening.put("eligibleCountries", List.of("US"));
        return untilAnswered(() -> client.post(urls.get(Service.INTAKE) + "/api/requisitions", opening, Roles.RECRUITER), 201)
                .path("requisitionId").asText();
    }

    /** Applies with the key until intake answers 202: from outside the US where the plan is rejection at screening. */
    private void apply(String requisitionId, String key, End end) {
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put("name", "Chaos Candidate");
        candidate.put("email", key + "@example.org");
        candidate.put("countryOfResidence", end == End.SCREENED ? "CA" : "US");
        candidate.put("yearsOfExperience", 10);
        candidate.put("highestDegree", "PHD");
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("requisitionId", requisitionId);
        application.put("source", "REFERRAL");
        application.put("candidate", candidate);
        try {
            String applicationId = untilAnswered(() -> client.postWithKey(urls.get(Service.INTAKE) + "/api/applications",
                    application, key), 202).path("applicationId").asText();
            planned.put(applicationId, end);
            submitted.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Interviewers and recruiters, as in the demo: feedback on every pending round, approval of every
     * draft; the calls of one look at the lists go out in parallel, and the next look waits for them.
     */
    private void playPeople() {
        ExecutorService people = Executors.newFixedThreadPool(settings.clients());
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<java.util.concurrent.Callable<Boolean>> calls = new ArrayList<>();
                client.forEachItem(urls.get(Service.INTERVIEW) + "/api/interviews?status=OPEN", Roles.INTERVIEWER, loop -> {
                    String applicationId = loop.path("applicationId").asText();
                    End end = planned.get(applicationId);
                    if (end == null) {
                        return;
                    }
                    boolean first = true;
                    for (JsonNode round : loop.path("pendingRounds")) {
                        String given = applicationId + "/" + round.asText();
                        String recommendation = end == End.INTERVIEWED && first ? "STRONG_NO" : "YES";
                        first = false;
                        if (feedbackGiven.contains(given)) {
                            continue;
                        }
                        Map<String, Object> feedback = Map.of("round", round.asText(),
                                "recommendation", recommendation, "notes", "Chaos feedback.");
                        calls.add(() -> answered(() -> client.post(urls.get(Service.INTERVIEW) + "/api/interviews/"
                                + applicationId + "/feedback", feedback, Roles.INTERVIEWER)) && feedbackGiven.add(given));
                    }
                });
                client.forEachItem(urls.get(Service.OFFER) + "/api/offers?status=DRAFT", Roles.HIRING_MANAGER, offer -> {
                    String applicationId = offer.path("applicationId").asText();
                    if (planned.get(applicationId) == End.OFFERED && !offersApproved.contains(applicationId)) {
                        calls.add(() -> answered(() -> client.post(urls.get(Service.OFFER) + "/api/offers/" + applicationId
                                + "/approve", Map.of(), Roles.HIRING_MANAGER)) && offersApproved.add(applicationId));
                    }
                });
                people.invokeAll(calls);
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            people.shutdownNow();
        }
    }

    /** Kills and broker restarts at random moments while applications are being submitted. */
    private void injectFaults() {
        List<Runnable> faults = new ArrayList<>();
        for (int i = 0; i < settings.kills() && !settings.kill().isEmpty(); i++) {
            faults.add(this::killOne);
        }
        for (int i = 0; i < settings.brokerRestarts(); i++) {
            faults.add(this::restartBroker);
        }
        Collections.shuffle(faults, new java.util.Random(random.nextLong()));
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            at.add((long) (settings.applications() * (0.05 + 0.85 * random.nextDouble())));
        }
        Collections.sort(at);
        for (int i = 0; i < faults.size(); i++) {
            while (submitted.get() < at.get(i) && submitting.get()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
            faults.get(i).run();
        }
    }

    private void killOne() {
        Service service = settings.kill().get(random.nextInt(settings.kill().size()));
        ManagedProcess process = process(service);
        process.running().ifPresent(handle -> {
            Instant at = Instant.now();
            handle.destroyForcibly();
            handle.onExit().join();
            process.relaunch();
            awaitHealthy(urls.get(service) + "/health");
            out.printf("  %s killed (SIGKILL, pid %d) at %s: healthy again in %.1f s%n", service.id(), handle.pid(),
                    since(at), Duration.between(at, Instant.now()).toMillis() / 1000.0);
        });
    }

    private void restartBroker() {
        ManagedProcess broker = new ManagedProcess("kafka", layout);
        Instant at = Instant.now();
        broker.stop(Duration.ofSeconds(30));
        broker.relaunch();
        Instant deadline = Instant.now().plus(HEALTHY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            try {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                break;
            } catch (Exception notYet) {
                // the broker is still starting
            }
        }
        out.printf("  broker restarted at %s: answering again in %.1f s%n", since(at),
                Duration.between(at, Instant.now()).toMillis() / 1000.0);
    }

    private void awaitHealthy(String url) {
        Instant deadline = Instant.now().plus(HEALTHY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (client.get(url).ok()) {
                    return;
                }
                Thread.sleep(200);
            } catch (IOException starting) {
                sleepQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        out.println("  " + url + " is not healthy after " + HEALTHY_WITHIN.toSeconds() + " s");
    }

    /** Reads the stage topics until every application has reached its planned end, or time is up. */
    private Map<Topic<String, ?>, Map<String, Integer>> awaitEnds() throws InterruptedException {
        Instant deadline = Instant.now().plus(settings.timeout());
        while (true) {
            Map<Topic<String, ?>, Map<String, Integer>> events = eventsPerApplication();
            long short_ = planned.entrySet().stream().filter(e -> !reached(events, e.getKey(), e.getValue())).count();
            if (short_ == 0 || Instant.now().isAfter(deadline)) {
                return events;
            }
            progress(String.format("%,d applications still on their way", short_));
            Thread.sleep(5_000);
        }
    }

    private static boolean reached(Map<Topic<String, ?>, Map<String, Integer>> events, String applicationId, End end) {
        return events.get(STAGES.get(end.stage)).containsKey(applicationId);
    }

    private Map<Topic<String, ?>, Map<String, Integer>> eventsPerApplication() {
        Map<Topic<String, ?>, Map<String, Integer>> events = new LinkedHashMap<>();
        for (Topic<String, ?> topic : STAGES) {
            Map<String, Integer> counts = new HashMap<>();
            new RangeReader(clientConfigs).read(Clusters.wholeTopic(admin, topic.name()), record -> {
                if (record.key() != null) {
                    String applicationId = new String(record.key(), StandardCharsets.UTF_8);
                    if (planned.containsKey(applicationId)) {
                        counts.merge(applicationId, 1, Integer::sum);
                    }
                }
            });
            events.put(topic, counts);
        }
        return events;
    }

    private int verdict(String role, Map<Topic<String, ?>, Map<String, Integer>> events) throws InterruptedException {
        boolean good = true;
        out.printf("%n%-38s %10s %14s %20s%n", "TOPIC", "EVENTS", "MORE THAN ONE", "NEVER REACHED IT");
        for (int stage = 0; stage < STAGES.size(); stage++) {
            Topic<String, ?> topic = STAGES.get(stage);
            Map<String, Integer> counts = events.get(topic);
            int at = stage;
            long twice = counts.values().stream().filter(n -> n > 1).count();
            long missing = planned.entrySet().stream().filter(e -> e.getValue().stage >= at && !counts.containsKey(e.getKey())).count();
            long total = counts.values().stream().mapToLong(Integer::longValue).sum();
            out.printf("%-38s %,10d %,14d %,20d%n", topic.name(), total, twice, missing);
            good &= twice == 0 && missing == 0;
        }
        FunnelRebuild.Outcome funnel = new FunnelRebuild(admin, clientConfigs, new PrintStream(PrintStream.nullOutputStream()))
                .compare(urls.get(Service.FUNNEL), client.token(Roles.OPS), Map.of(), Duration.ofSeconds(60));
        long same = funnel.keys().stream().filter(funnel::rebuiltMatchesRecomputed).count();
        out.printf("funnel: %d rows, %d match the offline recomputation from the topics, %d differ%s%n", funnel.keys().size(),
                same, funnel.keys().size() - same, funnel.underTraffic() ? " (read between two cuts: events were arriving)" : "");
        good &= same == funnel.keys().size();
        out.printf("chaos: %s in %s: %,d applications, %,d calls retried while a service or the broker was away%n",
                good ? "PASSED" : "FAILED", since(Instant.now()), planned.size(), retries.get());
        return good ? 0 : 1;
    }

    private void progress(String what) {
        out.printf("  %s: %,d of %,d applications submitted, %,d feedback given, %,d offers approved (%s)%n", what,
                submitted.get(), settings.applications(), feedbackGiven.size(), offersApproved.size(), since(Instant.now()));
    }

    private interface Call {
        DemoClient.Reply send() throws IOException, InterruptedException;
    }

    /** True where the call succeeded, or found its work already done (409); false to try again later. */
    private boolean answered(Call call) throws InterruptedException {
        try {
            DemoClient.Reply reply = call.send();
            if (reply.ok() || reply.status() == 409) {
                return true;
            }
        } catch (IOException away) {
            // a service restarting: try again on the next round
        }
        retries.incrementAndGet();
        return false;
    }

    /** Sends the call until it is answered with the status, backing off while a service or the broker is away. */
    private JsonNode untilAnswered(Call call, int status) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                DemoClient.Reply reply = call.send();
                if (reply.status() == status) {
                    return reply.body();
                }
                if (reply.status() < 500 && reply.status() != 409 && reply.status() != 429) {
                    throw new IllegalStateException("refused with " + reply.status() + ": " + reply.body());
                }
            } catch (IOException away) {
                // a service restarting
            }
            retries.incrementAndGet();
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 2_000);
        }
    }

    private ManagedProcess process(Service service) {
        return new ManagedProcess(service.id(), layout);
    }

    /** How long after the start of the run, as m:ss. */
    private String since(Instant at) {
        Duration elapsed = Duration.between(started, at);
        return String.format("%d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
