package io.hirestream.ops;

import io.hirestream.clients.ClientSettings;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.StackCredentials;
import io.hirestream.stack.StackLayout;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "provision",
        mixinStandardHelpOptions = true,
        description = {"Applies the declared topics and registers every value schema (subjects set to BACKWARD) on the",
                "cluster and registry named by the options or the environment: what `up` does to the local stack,",
                "for any other cluster (docker-compose.yml runs it as its one-shot provisioning service).",
                "With --access-from, first signs in as the brokers' own user, makes every principal's SCRAM user with",
                "the password `secrets` made under that folder and applies the declared ACLs, as `up` does.",
                "Idempotent; drift is reported, never fixed silently (ACLs excepted: they are brought to the declared)."})
final class ProvisionCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--access-from", paramLabel = "DIR",
            description = "A folder `secrets --home DIR` made: the Kafka passwords of the brokers' user and every principal.")
    Path accessFrom;

    @Option(names = "--access-only",
            description = "With --access-from: the users and ACLs alone, no topics or schemas (for a registry that keeps "
                    + "its schemas in Kafka and needs its user before it can start).")
    boolean accessOnly;

    @Override
    public Integer call() {
        if (accessOnly && accessFrom == null) {
            throw new IllegalArgumentException("--access-only needs --access-from");
        }
        Map<String, Object> clientConfigs = new HashMap<>(cluster.clientConfigs());
        if (accessFrom != null) {
            StackCredentials credentials = StackCredentials.existing(StackLayout.fromEnvironment().withHome(accessFrom))
                    .orElseThrow(() -> new IllegalArgumentException("no Kafka passwords under " + accessFrom
                            + ": run `secrets --home " + accessFrom + "` first"));
            // The brokers' user signs in with PLAIN: the brokers know its password from their JAAS file, not as a SCRAM user.
            clientConfigs.putAll(ClientSettings.from(credentials.environment(StackCredentials.BROKER_USER,
                    StackCredentials.LIBRDKAFKA_MECHANISM)::get));
            try (Admin admin = Provisioning.admin(clientConfigs)) {
                System.out.println("security: " + LocalStack.describe(LocalStack.provisionAccess(admin, credentials)));
            }
        }
        if (accessOnly) {
            return 0;
        }
        Provisioning.apply(clientConfigs, cluster.topicSettings(), System.out);
        return 0;
    }
}
