package io.hirestream.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.hirestream.access.Roles;
import io.hirestream.stack.TokenIssuer;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGeneratorFactory;

/**
 * Demo traffic through the services' HTTP APIs only: opens the demo requisitions (reusing open
 * ones from an earlier run), submits applications at a steady rate, and plays the people:
 * interviewers give feedback on every open loop, recruiters approve most drafted offers. Every
 * stage of the funnel fills within a minute of starting.
 */
public final class DemoTraffic {

    /** Where the services answer. */
    public record Endpoints(String intake, String interview, String offer) {
    }

    private static final Duration PEOPLE_EVERY = Duration.ofSeconds(1);

    private final Endpoints endpoints;
    private final double ratePerSecond;
    private final Duration progressEvery;
    private final PrintStream out;
    private final Applicants applicants;
    private final DemoClient client;
    private final List<Open> open = new ArrayList<>();
    private final Set<String> given = new HashSet<>();
    private final Set<String> decided = new HashSet<>();
    private final Counts counts = new Counts();
    /** The synthetic disparity's group (null: none), and the demo's applications in it still to be interviewed. */
    private final String disfavoured;
    private final Set<String> againstThem = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 100_000; // half a day of the demo's applications: theirs are interviewed long before
        }
    });

    public DemoTraffic(Endpoints endpoints, TokenIssuer issuer, double ratePerSecond, long seed, Duration progressEvery,
                       PrintStream out) {
        this(endpoints, issuer, ratePerSecond, seed, progressEvery, out, null);
    }

    /**
     * @param disfavoured where not null, the sex whose candidates the demo's interviewers recommend
     *                    against far more often: a synthetic disparity at the interview stage, for
     *                    the adverse-impact check to flag
     */
    public DemoTraffic(Endpoints endpoints, TokenIssuer issuer, double ratePerSecond, long seed, Duration progressEvery,
                       PrintStream out, String disfavoured) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("the rate must be above 0, was " + ratePerSecond);
        }
        this.endpoints = endpoints;
        this.client = new DemoClient(issuer, "demo");
        this.ratePerSecond = ratePerSecond;
        this.progressEvery = progressEvery;
        this.out = out;
        this.applicants = new Applicants(RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
        this.disfavoured = disfavoured;
    }

    private record Open(String requisitionId, List<String> eligibleCountries) {
    }

    /** What the demo has done so far. */
    static final class Counts {
        long applications;
        long feedback;
        long approved;
        long withdrawn;
        long refused;
        long unavailable;
    }

    /** Runs until {@code stop} says so; returns what it did. */
    public String run(BooleanSupplier stop) throws InterruptedException {
        openRequisitions(stop);
        long started = System.nanoTime();
        long interval = Math.round(1e9 / ratePerSecond);
        long nextApplication = started;
        long nextPeople = started;
        long nextProgress = started + progressEvery.toNanos();
        long sent = 0;
        while (!stop.getAsBoolean()) {
            long now = System.nanoTime();
            if (now >= nextApplication) {
                submit(open.get((int) (sent++ % open.size())));
                nextApplication += interval;
            }
            if (now >= nextPeople) {
                interviewers(stop);
                hiringManagers(stop);
                nextPeople = now + PEOPLE_EVERY.toNanos();
            }
            if (now >= nextProgress) {
                out.println(progress(now - started));
                nextProgress += progressEvery.toNanos();
            }
            long wake = Math.min(nextApplication, Math.min(nextPeople, nextProgress));
            LockSupport.parkNanos(Math.max(0, wake - System.nanoTime()));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        String summary = progress(System.nanoTime() - started);
        out.println(summary);
        return summary;
    }

    private String progress(long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        return String.format("demo: %,d applications (%.1f/s), %,d interview feedback, %,d offers approved, %,d withdrawn"
                        + "%s%s", counts.applications, counts.applications / Math.max(seconds, 1e-3), counts.feedback,
                counts.approved, counts.withdrawn, counts.refused == 0 ? "" : ", " + counts.refused + " refused",
                counts.unavailable == 0 ? "" : ", " + counts.unavailable + " retried while a service was unavailable");
    }

    /** Opens each demo requisition that is not open yet; waits for intake while it starts. */
    private void openRequisitions(BooleanSupplier stop) throws InterruptedException {
        while (open.isEmpty() && !stop.getAsBoolean()) {
            try {
                List<JsonNode> listed = new ArrayList<>();
                if (!client.forEachItem(endpoints.intake() + "/api/requisitions?status=OPEN", Roles.RECRUITER, listed::add)) {
                    throw new IOException("intake does not list its requisitions yet");
                }
                List<Open> found = new ArrayList<>();
                for (DemoRequisitions.Opening opening : DemoRequisitions.ALL) {
                    String id = existing(listed, opening);
                    if (id == null) {
                        DemoClient.Reply opened = client.post(endpoints.intake() + "/api/requisitions", opening, Roles.RECRUITER);
                        if (!opened.ok()) {
                            throw new IOException("intake refused " + opening.role() + ": " + opened.status() + " " + opened.body());
                        }
                        id = opened.body().path("requisitionId").asText();
                        out.println("demo: opened " + opening.role() + " in " + opening.location() + " (" + id + ")");
                    }
                    found.add(new Open(id, opening.eligibleCountries()));
                }
                open.addAll(found);
            } catch (IOException e) {
                out.println("demo: waiting for intake at " + endpoints.intake() + " (" + e.getMessage() + ")");
                Thread.sleep(2_000);
            }
        }
    }

    private static String existing(List<JsonNode> requisitions, DemoRequisitions.Opening opening) {
        for (JsonNode requisition : requisitions) {
            if ("OPEN".equals(requisition.path("status").asText())
                    && opening.role().equals(requisition.path("role").asText())
                    && opening.location().equals(requisition.path("location").asText())) {
                return requisition.path("requisitionId").asText();
            }
        }
        return null;
    }

    private void submit(Open requisition) throws InterruptedException {
        Map<String, Object> application = applicants.applicationTo(requisition.requisitionId(), requisition.eligibleCountries());
        boolean against = disfavoured != null && disfavoured.equals(Applicants.declaredSex(application));
        call(() -> client.postWithKey(endpoints.intake() + "/api/applications", application, UUID.randomUUID().toString()),
                reply -> {
                    counts.applications++;
                    if (against) {
                        againstThem.add(reply.body().path("applicationId").asText());
                    }
                });
    }

    /**
     * Every open interview loop gets feedback on each round still pending, once; a round of them
     * ends early when the demo's time is up (a pipeline with many open loops must not hold it over).
     */
    private void interviewers(BooleanSupplier stop) throws InterruptedException {
        List<JsonNode> loops = list(endpoints.interview() + "/api/interviews?status=OPEN", Roles.INTERVIEWER);
        Set<String> stillOpen = new HashSet<>();
        for (JsonNode loop : loops) {
            String applicationId = loop.path("applicationId").asText();
            for (JsonNode round : loop.path("pendingRounds")) {
                String key = applicationId + "/" + round.asText();
                stillOpen.add(key);
                if (!stop.getAsBoolean() && given.add(key)) {
                    Map<String, Object> feedback = Map.of("round", round.asText(), "recommendation",
                            againstThem.contains(applicationId) ? applicants.recommendationAgainst() : applicants.recommendation(),
                            "notes", "Demo feedback.");
                    call(() -> client.post(endpoints.interview() + "/api/interviews/" + applicationId + "/feedback", feedback,
                            Roles.INTERVIEWER),
                            reply -> counts.feedback++);
                }
            }
        }
        given.retainAll(stillOpen);
    }

    /** Every drafted offer is approved (nine in ten) or withdrawn, once; a round ends early when the demo's time is up. */
    private void hiringManagers(BooleanSupplier stop) throws InterruptedException {
        List<JsonNode> drafts = list(endpoints.offer() + "/api/offers?status=DRAFT", Roles.HIRING_MANAGER);
        Set<String> stillDraft = new HashSet<>();
        for (JsonNode offer : drafts) {
            String applicationId = offer.path("applicationId").asText();
            stillDraft.add(applicationId);
            if (!stop.getAsBoolean() && decided.add(applicationId)) {
                if (applicants.approves()) {
                    call(() -> client.post(endpoints.offer() + "/api/offers/" + applicationId + "/approve",
                            Map.of(), Roles.HIRING_MANAGER), reply -> counts.approved++);
                } else {
                    call(() -> client.post(endpoints.offer() + "/api/offers/" + applicationId + "/withdraw",
                            Map.of(), Roles.HIRING_MANAGER), reply -> counts.withdrawn++);
                }
            }
        }
        decided.retainAll(stillDraft);
    }

    private List<JsonNode> list(String url, String role) throws InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        if (!client.forEachItem(url, role, items::add)) {
            counts.unavailable++;
        }
        return items;
    }

    private interface Call {
        DemoClient.Reply send() throws IOException, InterruptedException;
    }

    private void call(Call call, java.util.function.Consumer<DemoClient.Reply> onSuccess) throws InterruptedException {
        try {
            DemoClient.Reply reply = call.send();
            if (reply.ok()) {
                onSuccess.accept(reply);
            } else if (reply.status() == 503) {
                counts.unavailable++;
            } else {
                if (counts.refused++ < 5) {
                    out.println("demo: refused " + reply.status() + ": " + reply.body().path("detail").asText());
                }
            }
        } catch (IOException e) {
            // Refused connections and timeouts: a service restarting; the next round tries again.
            counts.unavailable++;
        }
    }
}
