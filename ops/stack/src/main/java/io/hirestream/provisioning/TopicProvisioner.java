package io.hirestream.provisioning;

import io.hirestream.topics.Topic;
import io.hirestream.topics.TopicDeclaration;
import io.hirestream.topics.TopicSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Applies the topic declarations to a cluster, idempotently: missing topics are created, existing
 * ones are checked and their drift reported. A difference is changed only on request and only
 * where no data can be lost by it: partitions and replication are never touched (more partitions
 * break co-partitioning and the key-to-partition mapping), and neither is a cleanup policy or a
 * shorter retention.
 */
public final class TopicProvisioner {

    private static final Set<String> NEVER_ALTERED = Set.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG);

    private final Admin admin;
    private final TopicSettings settings;

    public TopicProvisioner(Admin admin, TopicSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /** Creates what is missing and reports the rest; with {@code alterSafeConfigs}, fixes harmless config drift. */
    public List<TopicCheck> apply(Collection<Topic<?, ?>> topics, boolean alterSafeConfigs) {
        List<TopicCheck> checks = new ArrayList<>();
        Set<String> existing = existingTopics();
        for (Topic<?, ?> topic : topics) {
            TopicDeclaration declared = topic.declaration(settings);
            if (!existing.contains(declared.name())) {
                checks.add(create(declared));
                continue;
            }
            TopicCheck check = compare(declared);
            if (check.state() == TopicCheck.State.DRIFTED && alterSafeConfigs) {
                check = alterSafeConfigs(declared, check);
            }
            checks.add(check);
        }
        return checks;
    }

    /** Compares without changing anything. */
    public List<TopicCheck> diff(Collection<Topic<?, ?>> topics) {
        Set<String> existing = existingTopics();
        return topics.stream()
                .map(topic -> topic.declaration(settings))
                .map(declared -> existing.contains(declared.name())
                        ? compare(declared)
                        : new TopicCheck(declared.name(), TopicCheck.State.MISSING,
                                List.of("declared with " + declared.partitions() + " partitions, replication "
                                        + declared.replicationFactor() + ", " + declared.configs())))
                .toList();
    }

    private TopicCheck create(TopicDeclaration declared) {
        NewTopic topic = new NewTopic(declared.name(), declared.partitions(), declared.replicationFactor())
                .configs(declared.configs());
        try {
            admin.createTopics(List.of(topic)).all().get();
            return new TopicCheck(declared.name(), TopicCheck.State.CREATED, List.of());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return compare(declared);
            }
            throw new ProvisioningException("cannot create topic " + declared.name() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while creating " + declared.name(), e);
        }
    }

    private TopicCheck compare(TopicDeclaration declared) {
        List<String> drift = new ArrayList<>();
        TopicDescription description = ProvisioningException.await(admin.describeTopics(List.of(declared.name())).allTopicNames())
                .get(declared.name());
        int partitions = description.partitions().size();
        if (partitions != declared.partitions()) {
            drift.add("partitions: declared " + declared.partitions() + ", actual " + partitions
                    + " (not changed: changing partitions breaks co-partitioning; see ops/runbooks/adding-partitions.md)");
        }
        int replication = description.partitions().get(0).replicas().size();
        if (replication != declared.replicationFactor()) {
            drift.add("replication factor: declared " + declared.replicationFactor() + ", actual " + replication
                    + " (not changed: reassign partitions to change it)");
        }
        Map<String, String> actual = actualConfigs(declared.name());
        declared.configs().forEach((key, value) -> {
            String found = actual.get(key);
            if (!value.equals(found)) {
                drift.add(key + ": declared " + value + ", actual " + found);
            }
        });
        return new TopicCheck(declared.name(), drift.isEmpty() ? TopicCheck.State.OK : TopicCheck.State.DRIFTED, drift);
    }

    private TopicCheck alterSafeConfigs(TopicDeclaration declared, TopicCheck check) {
        Map<String, String> actual = actualConfigs(declared.name());
        List<AlterConfigOp> ops = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        List<String> altered = new ArrayList<>();
        for (Map.Entry<String, String> entry : declared.configs().entrySet()) {
            String found = actual.get(entry.getKey());
            if (entry.getValue().equals(found)) {
                continue;
            }
            if (NEVER_ALTERED.contains(entry.getKey())) {
                remaining.add(entry.getKey() + ": declared " + entry.getValue() + ", actual " + found
                        + " (not changed: it could delete data; change it by hand if that is intended)");
            } else {
                ops.add(new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET));
                altered.add(entry.getKey() + ": " + found + " -> " + entry.getValue());
            }
        }
        check.drift().stream().filter(d -> d.startsWith("partitions") || d.startsWith("replication")).forEach(remaining::add);
        if (!ops.isEmpty()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, declared.name());
            ProvisioningException.await(admin.incrementalAlterConfigs(Map.of(resource, ops)).all());
        }
        if (remaining.isEmpty()) {
            return new TopicCheck(declared.name(), TopicCheck.State.ALTERED, altered);
        }
        List<String> all = new ArrayList<>(altered.stream().map(a -> "changed " + a).toList());
        all.addAll(remaining);
        return new TopicCheck(declared.name(), TopicCheck.State.DRIFTED, all);
    }

    private Map<String, String> actualConfigs(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = ProvisioningException.await(admin.describeConfigs(List.of(resource)).all()).get(resource);
        return config.entries().stream()
                .filter(entry -> entry.value() != null)
                .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
    }

    private Set<String> existingTopics() {
        return ProvisioningException.await(admin.listTopics().names());
    }
}
