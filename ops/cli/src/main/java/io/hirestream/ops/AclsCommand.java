package io.hirestream.ops;

import io.hirestream.provisioning.AclProvisioner;
import io.hirestream.provisioning.Provisioning;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "acls",
        mixinStandardHelpOptions = true,
        description = {"The ACLs the topic catalogue declares (each topic's writer and readers, each service's group,",
                "transactional ids and internal topics) against the cluster's. Needs a principal allowed to",
                "alter the cluster's ACLs (ops)."},
        subcommands = {AclsCommand.Apply.class, AclsCommand.Diff.class})
final class AclsCommand {

    static int print(AclProvisioner.Drift drift, String done) {
        if (drift.none()) {
            System.out.println("ACLs: as declared");
            return 0;
        }
        System.out.println("ACLs: " + drift.missing().size() + " missing, " + drift.undeclared().size() + " undeclared" + done);
        drift.lines().forEach(line -> System.out.println("  " + line));
        return 4;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Adds the declared ACLs the cluster lacks and removes those it holds undeclared; prints what changed.")
    static final class Apply implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() {
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                AclProvisioner.Drift changed = new AclProvisioner(admin).apply();
                print(changed, " (now fixed)");
                return 0;
            }
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compares the declared ACLs with the cluster's and changes nothing; exits 4 on any difference.")
    static final class Diff implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() {
            try (Admin admin = Provisioning.admin(cluster.clientConfigs())) {
                return print(new AclProvisioner(admin).diff(), "");
            }
        }
    }
}
