package io.hirestream.provisioning;

import io.hirestream.topics.Acls;
import io.hirestream.topics.Principal;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclPermissionType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Brings the cluster's ACLs to what the catalogue declares ({@link Acls}): adds what is missing,
 * removes what no declaration holds (drift, such as a hand-made grant), and reports both. Also
 * makes each principal's SCRAM user where the stack holds its password.
 */
public final class AclProvisioner {

    /** SCRAM's iteration count for the users it makes: Kafka's minimum is 4096. */
    private static final int ITERATIONS = 8192;

    private final Admin admin;

    public AclProvisioner(Admin admin) {
        this.admin = admin;
    }

    /** How the cluster's ACLs differ from the declared ones. */
    public record Drift(List<AclBinding> missing, List<AclBinding> undeclared) {

        public Drift {
            missing = List.copyOf(missing);
            undeclared = List.copyOf(undeclared);
        }

        public boolean none() {
            return missing.isEmpty() && undeclared.isEmpty();
        }

        /** One line per difference: {@code + binding} missing from the cluster, {@code - binding} on it undeclared. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            missing.forEach(binding -> lines.add("+ " + describe(binding)));
            undeclared.forEach(binding -> lines.add("- " + describe(binding)));
            return lines;
        }
    }

    /** Compares the cluster's ACLs with the declared ones; changes nothing. */
    public Drift diff() {
        Set<AclBinding> declared = new LinkedHashSet<>(Acls.declared());
        Set<AclBinding> existing = new HashSet<>(ProvisioningException.await(admin.describeAcls(AclBindingFilter.ANY).values()));
        List<AclBinding> missing = declared.stream().filter(binding -> !existing.contains(binding)).toList();
        List<AclBinding> undeclared = existing.stream().filter(binding -> !declared.contains(binding))
                .sorted(Comparator.comparing(AclProvisioner::describe)).toList();
        return new Drift(missing, undeclared);
    }

    /** Adds the missing ACLs and removes the undeclared ones; answers what it changed. */
    public Drift apply() {
        Drift drift = diff();
        if (!drift.missing().isEmpty()) {
            ProvisioningException.await(admin.createAcls(drift.missing()).all());
        }
        if (!drift.undeclared().isEmpty()) {
            ProvisioningException.await(admin.deleteAcls(drift.undeclared().stream().map(AclBinding::toFilter).toList()).all());
        }
        return drift;
    }

    /** Makes (or resets) the SCRAM user of every principal, with its password. */
    public void users(Function<Principal, String> passwords) {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        for (Principal principal : Principal.values()) {
            users.add(new UserScramCredentialUpsertion(principal.id(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), passwords.apply(principal)));
        }
        ProvisioningException.await(admin.alterUserScramCredentials(users).all());
    }

    /** A binding as a person reads it: {@code User:screening READ TOPIC hiring.applications.applied.v1}. */
    public static String describe(AclBinding binding) {
        String pattern = switch (binding.pattern().patternType()) {
            case PREFIXED -> binding.pattern().name() + "*";
            default -> binding.pattern().name();
        };
        String denied = binding.entry().permissionType() == AclPermissionType.ALLOW ? "" : " (DENY)";
        return binding.entry().principal() + " " + binding.entry().operation() + " " + binding.pattern().resourceType()
                + " " + pattern + denied + ("*".equals(binding.entry().host()) ? "" : " from " + binding.entry().host());
    }
}
