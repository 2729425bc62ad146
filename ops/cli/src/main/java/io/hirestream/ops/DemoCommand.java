package io.hirestream.ops;

import io.hirestream.ops.demo.DemoTraffic;
import io.hirestream.stack.Service;
import io.hirestream.stack.TokenIssuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Plays demo traffic through the services' HTTP APIs until stopped (Ctrl-C or SIGTERM):",
                "opens the demo requisitions (the seed posting among them), submits applications at a steady rate,",
                "gives interview feedback on every open loop and approves most drafted offers.",
                "`ops/hirestream up` runs it in the background; `ops/hirestream down` stops it."})
final class DemoCommand implements Callable<Integer> {

    /** Whose issuer signs the demo people's tokens: the local stack's. */
    @Mixin
    StackOptions stackOptions;

    @Option(names = "--rate", defaultValue = "${env:DEMO_RATE:-2}", paramLabel = "PER_SECOND",
            description = "Applications per second (default ${DEFAULT-VALUE}, or $DEMO_RATE).")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long (e.g. PT60S); default: run until stopped.")
    Duration duration;

    @Option(names = "--seed", defaultValue = "20261125", description = "Seed of the made-up applicants (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--progress-every", defaultValue = "PT5S", paramLabel = "DURATION",
            description = "How often to print progress (default ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Option(names = "--disparity", paramLabel = "SEX", arity = "0..1", fallbackValue = "FEMALE",
            description = "A synthetic disparity at the interview stage: interviewers recommend against candidates who"
                    + " declared this sex (FEMALE when none is given) far more often, so that the adverse-impact check"
                    + " (GET /api/fairness) flags it. Off by default.")
    String disparity;

    @Option(names = "--intake-url", paramLabel = "URL", description = "Intake (default http://127.0.0.1:$INTAKE_PORT, port 8082).")
    String intakeUrl;

    @Option(names = "--interview-url", paramLabel = "URL", description = "Interview (default http://127.0.0.1:$INTERVIEW_PORT, port 8084).")
    String interviewUrl;

    @Option(names = "--offer-url", paramLabel = "URL", description = "Offer (default http://127.0.0.1:$OFFER_PORT, port 8085).")
    String offerUrl;

    @Override
    public Integer call() throws InterruptedException {
        DemoTraffic traffic = new DemoTraffic(new DemoTraffic.Endpoints(
                url(intakeUrl, Service.INTAKE), url(interviewUrl, Service.INTERVIEW), url(offerUrl, Service.OFFER)),
                TokenIssuer.forHome(stackOptions.layout()), rate, seed, progressEvery, System.out, disparity);
        Instant until = duration == null ? Instant.MAX : Instant.now().plus(duration);
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // Stop between two requests, never in the middle of one, and say what was done.
        Thread hook = new Thread(() -> {
            stopping.set(true);
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("demo: %.1f applications/s to %s%s; stop with Ctrl-C%n", rate, url(intakeUrl, Service.INTAKE),
                disparity == null ? "" : ", with a synthetic disparity against " + disparity + " at the interview stage");
        try {
            traffic.run(() -> stopping.get() || Instant.now().isAfter(until));
        } finally {
            finished.countDown();
        }
        if (!stopping.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }

    private static String url(String given, Service service) {
        if (given != null) {
            return given;
        }
        String port = System.getenv(service.portVariable());
        return "http://127.0.0.1:" + (port == null || port.isBlank() ? service.defaultPort() : port.trim());
    }
}
