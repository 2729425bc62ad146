package io.hirestream.ops;

import io.hirestream.provisioning.SchemaProvisioner;
import io.hirestream.provisioning.SubjectCheck;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "schemas",
        mixinStandardHelpOptions = true,
        description = "The repo's Avro schemas against the registry (Confluent API, TopicNameStrategy subjects).",
        subcommands = {SchemasCommand.Register.class, SchemasCommand.Check.class})
final class SchemasCommand {

    static SchemaProvisioner provisioner(ClusterOptions cluster) {
        return new SchemaProvisioner(SchemaRegistryClient.shared(RegistryConfig.of(cluster.registryUrl())));
    }

    static void print(String registryUrl, List<SubjectCheck> checks) {
        System.out.println("registry " + registryUrl);
        checks.forEach(check -> System.out.println("  " + check.toString().replace("\n", "\n  ")));
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Sets compatibility BACKWARD (globally and per subject) and registers each topic's value schema.",
                    "A schema the registry refuses as incompatible is reported and the command exits 1."})
    static final class Register implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() {
            List<SubjectCheck> checks = provisioner(cluster).register(Topics.withAvroValues());
            print(cluster.registryUrl(), checks);
            return checks.stream().anyMatch(SubjectCheck::failed) ? 1 : 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Says for each subject whether it holds the repo's schema, and whether the registry would",
                    "accept it; changes nothing. Exits 1 if any would be refused, 4 if any is not registered."})
    static final class Check implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() {
            List<SubjectCheck> checks = provisioner(cluster).check(Topics.withAvroValues());
            print(cluster.registryUrl(), checks);
            if (checks.stream().anyMatch(SubjectCheck::failed)) {
                return 1;
            }
            return checks.stream().anyMatch(c -> c.state() == SubjectCheck.State.NOT_REGISTERED) ? 4 : 0;
        }
    }
}
