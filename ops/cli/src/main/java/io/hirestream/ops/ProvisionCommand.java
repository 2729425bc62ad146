package io.hirestream.ops;

import io.hirestream.provisioning.Provisioning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "provision",
        mixinStandardHelpOptions = true,
        description = {"Applies the declared topics and registers every value schema (subjects set to BACKWARD) on the",
                "cluster and registry named by the options or the environment: what `up` does to the local stack,",
                "for any other cluster (docker-compose.yml runs it as its one-shot provisioning service).",
                "Idempotent; drift is reported, never fixed silently."})
final class ProvisionCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        Provisioning.apply(cluster.clientConfigs(), cluster.topicSettings(), System.out);
        return 0;
    }
}
