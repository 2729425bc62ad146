package io.hirestream.topics;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ACLs that follow from the topic catalogue, least privilege: each service writes only the
 * topics it is the writer of (and the dead-letter topic, which every service writes), reads only
 * the topics that name it as a reader, and owns the consumer group, transactional ids and (a
 * Kafka Streams service) internal topics under its application id; {@code analytics} reads the
 * topics that name it and uses consumer groups of its own; {@code ops} administers everything;
 * {@code registry} owns the topics and groups under its prefix; {@code demo} has nothing. Kafka's READ and WRITE imply DESCRIBE, so none is declared.
 */
public final class Acls {

    private Acls() {
    }

    /** Every declared binding, for every principal, in a stable order. */
    public static List<AclBinding> declared() {
        List<AclBinding> all = new ArrayList<>();
        for (Principal principal : Principal.values()) {
            all.addAll(of(principal));
        }
        return List.copyOf(all);
    }

    /** The bindings of one principal. */
    public static List<AclBinding> of(Principal principal) {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        if (principal == Principal.OPS) {
            allow(bindings, principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.ALL);
            allow(bindings, principal, ResourceType.TOPIC, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL, AclOperation.ALL);
            allow(bindings, principal, ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL, AclOperation.ALL);
        }
        for (Topic<?, ?> topic : Topics.all()) {
            if (writes(principal, topic)) {
                allow(bindings, principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE);
            }
            if (topic.readers().contains(principal)) {
                allow(bindings, principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ);
            }
        }
        principal.resourcePrefix().ifPresent(prefix -> {
            boolean registry = principal == Principal.REGISTRY;
            if (principal == Principal.ANALYTICS || principal.streamsApplication() || registry) {
                allow(bindings, principal, ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ);
            }
            if (principal != Principal.ANALYTICS && !registry) {
                allow(bindings, principal, ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.WRITE);
            }
            if (principal.streamsApplication() || registry) {
                // Kafka Streams' repartition and changelog topics, the registry's journal: each creates, reads,
                // writes and checks the configuration of its own topics (and Kafka Streams deletes them on reset).
                allow(bindings, principal, ResourceType.TOPIC, prefix + "-", PatternType.PREFIXED, AclOperation.ALL);
            }
        });
        return bindings.stream().sorted(ORDER).toList();
    }

    /** True where the catalogue lets the principal write the topic: its writer, or any service for the dead letters. */
    public static boolean writes(Principal principal, Topic<?, ?> topic) {
        return topic.hasSingleWriter() ? topic.writer().equals(principal.id()) : principal.isService();
    }

    private static final Comparator<AclBinding> ORDER = Comparator
            .comparing((AclBinding binding) -> binding.entry().principal())
            .thenComparing(binding -> binding.pattern().resourceType())
            .thenComparing(binding -> binding.pattern().name())
            .thenComparing(binding -> binding.pattern().patternType())
            .thenComparing(binding -> binding.entry().operation());

    private static void allow(Set<AclBinding> bindings, Principal principal, ResourceType type, String name,
                              PatternType patternType, AclOperation operation) {
        bindings.add(new AclBinding(new ResourcePattern(type, name, patternType),
                new AccessControlEntry(principal.kafkaPrincipal(), "*", operation, AclPermissionType.ALLOW)));
    }
}
