package io.hirestream.provisioning;

import io.hirestream.registry.SchemaRegistryClient;
import io.hirestream.registry.SchemaRegistryException;
import io.hirestream.topics.Topic;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * Registers the repo's value schemas under TopicNameStrategy subjects and holds every subject to
 * BACKWARD compatibility, so that the registry refuses a change that would break a reader. This
 * is how schemas reach a production registry: the services do not auto-register.
 */
public final class SchemaProvisioner {

    public static final String COMPATIBILITY = "BACKWARD";

    private final SchemaRegistryClient registry;

    public SchemaProvisioner(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** Sets the registry's global compatibility, then registers each topic's value schema. */
    public List<SubjectCheck> register(Collection<Topic<?, ?>> topics) {
        registry.setCompatibility(null, COMPATIBILITY);
        List<SubjectCheck> checks = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            topic.valueSchema().ifPresent(schema -> checks.add(register(topic.valueSubject(), schema)));
        }
        return checks;
    }

    /** Reports, without changing anything, whether each subject holds the repo's schema. */
    public List<SubjectCheck> check(Collection<Topic<?, ?>> topics) {
        List<SubjectCheck> checks = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            topic.valueSchema().ifPresent(schema -> checks.add(check(topic.valueSubject(), schema)));
        }
        return checks;
    }

    private SubjectCheck register(String subject, Schema schema) {
        OptionalInt existing = registry.lookup(subject, schema);
        if (existing.isPresent()) {
            registry.setCompatibility(subject, COMPATIBILITY);
            return new SubjectCheck(subject, SubjectCheck.State.UP_TO_DATE, existing.getAsInt(), latestVersion(subject), List.of());
        }
        boolean subjectExists = registry.latest(subject).isPresent();
        if (subjectExists) {
            registry.setCompatibility(subject, COMPATIBILITY);
        }
        try {
            int id = registry.register(subject, schema);
            if (!subjectExists) {
                registry.setCompatibility(subject, COMPATIBILITY);
            }
            return new SubjectCheck(subject, SubjectCheck.State.REGISTERED, id, latestVersion(subject), List.of());
        } catch (SchemaRegistryException e) {
            if (e.isIncompatible()) {
                return new SubjectCheck(subject, SubjectCheck.State.INCOMPATIBLE, -1, -1, List.of(e.getMessage()));
            }
            throw e;
        }
    }

    private SubjectCheck check(String subject, Schema schema) {
        OptionalInt existing = registry.lookup(subject, schema);
        if (existing.isPresent()) {
            return new SubjectCheck(subject, SubjectCheck.State.UP_TO_DATE, existing.getAsInt(), latestVersion(subject), List.of());
        }
        SchemaRegistryClient.CompatibilityResult result = registry.testCompatibility(subject, schema);
        return result.compatible()
                ? new SubjectCheck(subject, SubjectCheck.State.NOT_REGISTERED, -1, -1, List.of())
                : new SubjectCheck(subject, SubjectCheck.State.INCOMPATIBLE, -1, -1, result.messages());
    }

    private int latestVersion(String subject) {
        return registry.latest(subject).map(SchemaRegistryClient.RegisteredSchema::version).orElse(-1);
    }
}
