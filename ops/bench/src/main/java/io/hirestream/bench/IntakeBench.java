package io.hirestream.bench;

import io.hirestream.access.Roles;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.stack.Component;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.Service;
import io.hirestream.stack.ServiceProcess;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.stack.StackSecrets;
import io.hirestream.topics.TopicSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ops/hirestream bench intake}: on a broker, a registry and the five services of its own,
 * sends a fixed number of {@code POST /api/applications} (each with its own Idempotency-Key) at
 * each client count, and in the same run the same requests to a bare Micronaut endpoint in the
 * same kind of JVM that answers 202 without Kafka; prints requests/s, p50, p99 and the ratio. Then
 * the same number of requests due at each fixed rate from 64 clients ("intake 1,000/s"), each
 * timed from when it was due.
 */
@Command(name = "intake", mixinStandardHelpOptions = true,
        description = "Measures POST /api/applications on the whole pipeline against a bare Micronaut endpoint.")
final class IntakeBench implements Callable<Integer> {

    /** The goal at 64 clients: a viral posting's burst. */
    private static final double GOAL_PER_SECOND = 1_000;
    private static final double GOAL_P99_MILLIS = 50;
    private static final int GOAL_CLIENTS = 64;

    @Option(names = "--requests", defaultValue = "20000", description = "Requests per measured run (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--clients", split = ",", defaultValue = "16,64", description = "Concurrent clients, one run each (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    // A fresh broker and intake keep getting faster for a minute and more as their JITs compile: at 16 clients
    // intake went from 50 to 1,100 applications/s over the first 90 s, so 5,000 requests measured the warm-up.
    @Option(names = "--warmup", defaultValue = "30000", description = "Requests to each endpoint before measuring, for the JIT (default ${DEFAULT-VALUE}).")
    int warmup;

    // A viral posting is a rate of arrivals, not clients that send again the moment they are answered: at a fixed
    // rate below what intake takes at most, what is left of the p99 is stalls, not queueing (ops/bench/README.md).
    @Option(names = "--rates", split = ",", defaultValue = "1000", description = "Applications a second due from 64 clients,"
            + " each timed from when it was due, one run each after the closed-loop runs (default ${DEFAULT-VALUE}; 0: none).")
    List<Double> rates;

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("hirestream-bench-intake-");
        StackLayout layout = StackLayout.fromEnvironment().withHome(home);
        StackPorts ports = StackPorts.free();
        LocalStack stack = new LocalStack(layout, ports, false);
        List<Component> programs = new ArrayList<>();
        ServiceProcess intake = null;
        for (Service service : Service.values()) {
            Map<String, String> settings = new java.util.HashMap<>(StackSecrets.serviceEnvironment(layout, service));
            // One client sends everything: the per-client limit would be all the bench measured.
            settings.put("INTAKE_RATE_LIMIT", "0");
            // As the local pipeline runs them: the stages yield the cores to intake and the broker.
            ServiceProcess process = new ServiceProcess(layout, service, StackPorts.freePort(), ports.kafkaBootstrap(),
                    ports.registryUrl(), settings).yieldingAsAStage();
            programs.add(process);
            intake = service == Service.INTAKE ? process : intake;
        }
        BareEndpointProcess bare = new BareEndpointProcess(layout, StackPorts.freePort(), Service.INTAKE);
        programs.add(bare);
        stack.withTogether(programs);
        Thread stopper = new Thread(() -> BenchCommand.stop(stack, home), "bench-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            System.out.println("starting a broker, a registry, the five services and a bare endpoint under " + home + " ...");
            stack.upInfrastructure(BenchCommand.quiet());
            Provisioning.apply(ports.kafkaBootstrap(), ports.registryUrl(), TopicSettings.LOCAL, BenchCommand.quiet());
            stack.upServices(BenchCommand.quiet());
            URI applications = URI.create(intake.url() + "/api/applications");
            URI bareApplications = URI.create(bare.url() + "/api/applications");
            String requisitionId = openRequisition(intake.url(), stack.issuer().token("bench-recruiter", List.of(Roles.RECRUITER)));

            String runId = UUID.randomUUID().toString().substring(0, 8);
            HttpLoad.run(16, warmup, 202, i -> application(bareApplications, requisitionId, "warm-" + runId, i));
            HttpLoad.run(16, warmup, 202, i -> application(applications, requisitionId, "warm-" + runId, i));

            System.out.printf("%nPOST /api/applications, %,d requests per run, each with its own Idempotency-Key;%n", requests);
            System.out.println("intake with the whole pipeline up (acks=all, transactional); the load runs on the same machine");
            System.out.printf("%n%7s  %-15s %12s %9s %9s %7s%n", "clients", "endpoint", "requests/s", "p50 ms", "p99 ms", "failed");
            List<String> ratios = new ArrayList<>();
            HttpLoad.Result atGoal = null;
            for (int level = 0; level < clients.size(); level++) {
                int concurrency = clients.get(level);
                String run = runId + "-" + concurrency;
                // Take turns at who goes first, so that neither always finds the machine warmer.
                boolean bareFirst = level % 2 == 0;
                HttpLoad.Result bareResult = null;
                if (bareFirst) {
                    bareResult = HttpLoad.run(concurrency, requests, 202, i -> application(bareApplications, requisitionId, run, i));
                }
                HttpLoad.Result intakeResult = HttpLoad.run(concurrency, requests, 202,
                        i -> application(applications, requisitionId, run, i));
                if (!bareFirst) {
                    bareResult = HttpLoad.run(concurrency, requests, 202, i -> application(bareApplications, requisitionId, run, i));
                }
                print(concurrency, "bare Micronaut", bareResult);
                print(concurrency, "intake", intakeResult);
                ratios.add(String.format("%.2f at %d clients", intakeResult.perSecond() / bareResult.perSecond(), concurrency));
                if (concurrency == GOAL_CLIENTS) {
                    atGoal = intakeResult;
                }
                if (intakeResult.failed() > 0) {
                    System.out.println("  first failure: " + intakeResult.firstFailure());
                }
            }
            for (double rate : rates.stream().filter(rate -> rate > 0).toList()) {
                String run = runId + "-at-" + (int) rate;
                HttpLoad.Result paced = HttpLoad.run(GOAL_CLIENTS, requests, rate, 202, i -> application(applications, requisitionId, run, i));
                print(GOAL_CLIENTS, String.format("intake %,d/s", (int) rate), paced);
                if (paced.failed() > 0) {
                    System.out.println("  first failure: " + paced.firstFailure());
                }
            }
            System.out.println();
            System.out.println("ratio intake / bare (requests/s): " + String.join(", ", ratios));
            if (atGoal != null) {
                boolean met = atGoal.perSecond() >= GOAL_PER_SECOND && atGoal.p99Millis() <= GOAL_P99_MILLIS && atGoal.failed() == 0;
                System.out.printf("goal at %d clients (>= %,.0f applications/s, p99 <= %.0f ms): %s%n", GOAL_CLIENTS,
                        GOAL_PER_SECOND, GOAL_P99_MILLIS, met ? "met" : "not met");
            }
            return 0;
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
            BenchCommand.stop(stack, home);
        }
    }

    private static void print(int clients, String endpoint, HttpLoad.Result result) {
        System.out.printf("%7d  %-15s %,12.0f %9.1f %9.1f %7d%n", clients, endpoint, result.perSecond(), result.p50Millis(),
                result.p99Millis(), result.failed());
    }

    /** The first posting: the bench's applications go to it. */
    private static String openRequisition(String intake, String recruiterToken) throws IOException {
        HttpLoad.Answer opened = HttpLoad.once(new HttpLoad.Request(URI.create(intake + "/api/requisitions"), """
                {"role": "Machine Learning Engineer", "location": "Remote, US", "department": "Applied ML",
                 "salaryMin": 158950, "salaryMax": 327000, "currency": "USD", "minYearsOfExperience": 8,
                 "minDegree": "MASTERS", "eligibleCountries": ["US"]}""", null, recruiterToken));
        Matcher id = Pattern.compile("\"requisitionId\"\\s*:\\s*\"([^\"]+)\"").matcher(opened.body());
        if (opened.status() != 201 || !id.find()) {
            throw new IllegalStateException("intake did not open the bench's requisition: " + opened.status() + " " + opened.body());
        }
        return id.group(1);
    }

    private static HttpLoad.Request application(URI uri, String requisitionId, String run, int i) {
        String json = """
                {"requisitionId": "%s", "source": "CAREERS_SITE",
                 "candidate": {"name": "Bench Applicant %d", "email": "bench-%s-%d@example.org", "countryOfResidence": "US",
                               "yearsOfExperience": %d, "highestDegree": "MASTERS"}}""".formatted(requisitionId, i, run, i, 5 + i % 10);
        return new HttpLoad.Request(uri, json, run + "-" + i);
    }
}
