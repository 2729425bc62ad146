package io.hirestream.ops;

import io.hirestream.ops.demo.ChaosRun;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.stack.Service;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
                "Proves the pipeline survives faults: drives applications through the services' HTTP APIs (intake,",
                "the interviewers, the recruiters), each to a planned end (rejected at screening or at the interview,",
                "or offered), while it kills service instances with SIGKILL at random moments and restarts the",
                "broker; then prints, per stage topic, applications with more than one event (must be 0) and",
                "applications that never reached the stage they were driven to (must be 0), and the funnel against",
                "an offline recomputation from the topics (must be equal). Exits 0 when all hold, 1 when any does not.",
                "Runs against the local pipeline (`ops/hirestream up --no-demo`); its processes are restarted as they",
                "were started."})
final class ChaosCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--applications", defaultValue = "1000", paramLabel = "N",
            description = "Applications to drive through (default ${DEFAULT-VALUE}).")
    int applications;

    @Option(names = "--kill", defaultValue = "intake,screening,interview,offer,funnel", paramLabel = "SERVICES",
            split = ",", description = "The services whose instances may be killed (default ${DEFAULT-VALUE}; none: --kills 0).")
    List<String> kill;

    @Option(names = "--kills", defaultValue = "3", paramLabel = "K", description = "How many kills (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--broker-restarts", defaultValue = "1", paramLabel = "B",
            description = "How many broker restarts (default ${DEFAULT-VALUE}).")
    int brokerRestarts;

    @Option(names = "--clients", defaultValue = "16", paramLabel = "C",
            description = "Concurrent applicants (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "How long to wait, once all are submitted, for every application to reach its end (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--seed", defaultValue = "20261129", description = "Seed of the plan and the faults (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        List<Service> killable = kill.stream().map(name -> Arrays.stream(Service.values())
                .filter(service -> service.id().equals(name.trim())).findFirst()
                .orElseThrow(() -> new OpsException("--kill: no service " + name + " (one of intake, screening, interview,"
                        + " offer, funnel)"))).toList();
        if (applications < 1 || kills < 0 || brokerRestarts < 0 || clients < 1) {
            throw new OpsException("--applications and --clients must be at least 1, --kills and --broker-restarts at least 0");
        }
        try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
            return new ChaosRun(new ChaosRun.Settings(applications, killable, kills, brokerRestarts, clients, timeout, seed),
                    stackOptions.layout(), admin, cluster.clientConfigs(), System.out).run();
        }
    }
}
