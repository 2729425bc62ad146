package io.hirestream.provisioning;

import io.hirestream.clients.ClientSettings;
import io.hirestream.registry.RegistryConfig;
import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.topics.TopicSettings;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Everything a fresh cluster and registry need before hirestream runs: the topics, then the schemas. */
public final class Provisioning {

    private Provisioning() {
    }

    /**
     * Applies every declared topic and registers every value schema, printing one line each.
     * Fails where a schema is refused as incompatible; drifted topics are reported, not fatal.
     */
    public static void apply(String bootstrapServers, String registryUrl, TopicSettings settings, PrintStream out) {
        apply(ClientSettings.of(bootstrapServers, registryUrl), settings, out);
    }

    /** As {@link #apply(String, String, TopicSettings, PrintStream)}, with the client settings given whole (security included). */
    public static void apply(Map<String, ?> clientConfigs, TopicSettings settings, PrintStream out) {
        RegistryConfig registry = RegistryConfig.from(clientConfigs);
        try (Admin admin = admin(clientConfigs)) {
            out.println("topics (" + settings.partitions() + " partitions, replication " + settings.replicationFactor()
                    + ", min ISR " + settings.minInsyncReplicas() + ")");
            List<TopicCheck> topics = new TopicProvisioner(admin, settings).apply(Topics.all(), false);
            topics.forEach(check -> out.println("  " + check.toString().replace("\n", "\n  ")));
        }
        out.println("schemas (" + clientConfigs.get(RegistryConfig.URL) + ", compatibility " + SchemaProvisioner.COMPATIBILITY + ")");
        List<SubjectCheck> subjects = new SchemaProvisioner(SchemaRegistryClient.shared(registry))
                .register(Topics.withAvroValues());
        subjects.forEach(check -> out.println("  " + check.toString().replace("\n", "\n  ")));
        List<SubjectCheck> refused = subjects.stream().filter(SubjectCheck::failed).toList();
        if (!refused.isEmpty()) {
            throw new ProvisioningException("the registry refused " + refused.size()
                    + " schema(s) as incompatible with what it holds; see above");
        }
    }

    /** An admin client of the cluster, with the security settings of the process's environment. */
    public static Admin admin(String bootstrapServers) {
        return admin(ClientSettings.of(bootstrapServers, null));
    }

    /** An admin client with the given client settings (bootstrap servers, security; registry ones are left out). */
    public static Admin admin(Map<String, ?> clientConfigs) {
        return Admin.create(ClientSettings.kafka(clientConfigs, Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000")));
    }
}
