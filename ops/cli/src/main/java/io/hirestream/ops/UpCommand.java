package io.hirestream.ops;

import io.hirestream.access.Roles;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.stack.LocalStack;
import io.hirestream.topics.Principal;
import io.hirestream.stack.Service;
import io.hirestream.stack.ServiceProcess;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.stack.TokenIssuer;
import io.hirestream.topics.TopicSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "up",
        mixinStandardHelpOptions = true,
        description = {
                "Starts the local pipeline, each part its own background process: a Kafka broker and a schema",
                "registry; then every declared topic and every value schema; then the five services (funnel with",
                "the dashboard, intake, screening, interview, offer); then demo traffic. Waits until every part",
                "answers and prints the dashboard's address. What already runs is left running; data is kept",
                "across runs. Stop everything with `down`."})
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--stack-only",
            description = "Only the broker and the registry, with topics and schemas (what the tests use).")
    boolean stackOnly;

    @Option(names = "--no-demo", description = "Start the services but no demo traffic.")
    boolean noDemo;

    @Option(names = "--demo-rate", defaultValue = "${env:DEMO_RATE:-2}", paramLabel = "PER_SECOND",
            description = "Demo applications per second (default ${DEFAULT-VALUE}, or $DEMO_RATE).")
    double demoRate;

    @Option(names = "--demo-disparity",
            description = "Demo traffic with a synthetic disparity at the interview stage (interviewers recommend against"
                    + " candidates who declared FEMALE far more often), so that the adverse-impact check flags it. Off by default.")
    boolean demoDisparity;

    @Option(names = "--free-ports",
            description = "On a new home, pick free ports for the broker and registry instead of the configured ones; "
                    + "later runs keep them.")
    boolean freePorts;

    @Option(names = "--brokers", paramLabel = "N",
            description = "On a new home, a KRaft cluster of N brokers, each also a controller (3 as in docker-compose.yml:"
                    + " topics replicated three ways, two in sync); further brokers listen on 9094/9095, 9096/9097, ..."
                    + " (free ports with --free-ports). Default 1; later runs keep the count.")
    Integer brokers;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Also write KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL of the stack to FILE.")
    Path envFile;

    @Override
    public Integer call() throws IOException {
        Instant started = Instant.now();
        PrintStream out = System.out;
        StackLayout layout = stackOptions.layout();
        boolean fresh = !StackPorts.savedUnder(layout);
        StackPorts ports = freePorts && fresh ? StackPorts.free() : StackPorts.forHome(layout);
        if (brokers != null) {
            if (brokers < 1 || brokers > 9) {
                throw new OpsException("--brokers takes 1 to 9, was " + brokers);
            }
            if (!fresh && brokers != ports.nodes().size()) {
                throw new OpsException("the stack under " + layout.home() + " has " + ports.nodes().size() + " broker(s), not "
                        + brokers + ": stop it and remove that folder, or use another --home");
            }
            ports = ports.withBrokers(brokers, freePorts);
        }
        LocalStack stack = LocalStack.at(layout, ports, noDemo ? null : new LocalStack.Demo(demoRate, demoDisparity));
        if (freePorts && fresh) {
            stackOnly = true; // the services' ports are the configured ones: a free-port stack runs alone
        }
        out.println("hirestream local " + (stackOnly ? "stack" : "pipeline") + " under " + stack.layout().home());
        stack.upInfrastructure(out);
        Provisioning.apply(stack.clientSettings(Principal.OPS), TopicSettings.fromEnvironment(stack.ports().nodes().size()), out);
        if (envFile != null) {
            // The ops principal's sign-in too: the file is for the person (or test) that started the stack.
            StringBuilder env = new StringBuilder("KAFKA_BOOTSTRAP_SERVERS=" + stack.ports().kafkaBootstrap() + "\n"
                    + "SCHEMA_REGISTRY_URL=" + stack.ports().registryUrl() + "\n");
            stack.signIn(Principal.OPS).forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
            Files.deleteIfExists(envFile);
            Files.createFile(envFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(envFile, env.toString());
        }
        if (!stackOnly) {
            out.println("starting the services (the first start of each takes a little longer) ...");
            stack.upServices(out);
        }
        out.printf("%nready in %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        if (!stackOnly) {
            ServiceProcess funnel = stack.services().stream().filter(s -> s.service() == Service.FUNNEL).findFirst().orElseThrow();
            out.println("  Dashboard        " + funnel.url() + "/");
            out.println("  Sign in          " + stack.issuer().signInLink(funnel.url(), "local-recruiter", List.of(Roles.RECRUITER),
                    TokenIssuer.SIGN_IN_LINK_LIFETIME));
            out.println("                   (a recruiter, for " + TokenIssuer.SIGN_IN_LINK_LIFETIME.toMinutes()
                    + " minutes; another: ops/hirestream token --role recruiter --link)");
            for (ServiceProcess service : stack.services()) {
                out.printf("  %-16s %s%n", capitalized(service.name()), service.url());
            }
        }
        out.println("  Kafka            " + stack.ports().kafkaBootstrap());
        out.println("  Schema registry  " + stack.ports().registryUrl());
        out.println("  Logs             " + stack.layout().logs() + "   (ops/hirestream logs [COMPONENT])");
        out.println("  Data             " + stack.layout().home().resolve("data"));
        out.println("  Stop with        ops/hirestream down");
        return 0;
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
