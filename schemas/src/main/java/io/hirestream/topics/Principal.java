package io.hirestream.topics;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Kafka principals of hirestream: one per service, one for operations, one for the demo
 * traffic, one read-only for analytics and one for a schema registry that stores in Kafka. Each signs in to the broker as {@code User:<name>};
 * what each may do is declared by the topic catalogue ({@link Topics}: each topic's writer and
 * readers) and derived in {@link Acls}.
 */
public enum Principal {
    /** Writes with a transactional producer; follows its topics without a consumer group. */
    INTAKE("intake", "hirestream-intake", false),
    SCREENING("screening", "hirestream-screening", true),
    INTERVIEW("interview", "hirestream-interview", true),
    OFFER("offer", "hirestream-offer", true),
    FUNNEL("funnel", "hirestream-funnel", true),
    /**
     * The operators' tool: provisions topics and ACLs, replays, rebuilds views, redrives dead
     * letters, reads lag. It administers the cluster, so it may do anything to any topic and group.
     */
    OPS("ops", "hirestream-ops", false),
    /** The demo traffic: it goes through the services' HTTP APIs and needs nothing of Kafka. */
    DEMO("demo", null, false),
    /** Analytics teams' own clients: read the event and metrics topics, with consumer groups of their own. */
    ANALYTICS("analytics", "analytics", false),
    /**
     * The schema registry, where it keeps its schemas in Kafka (docker-compose.yml's Apicurio with
     * kafkasql storage): its own journal, snapshot and event topics and consumer groups, all named
     * under its prefix, and no topic of the catalogue.
     */
    REGISTRY("registry", "hirestream-registry", false);

    private final String id;
    private final String resourcePrefix;
    private final boolean streamsApplication;

    Principal(String id, String resourcePrefix, boolean streamsApplication) {
        this.id = id;
        this.resourcePrefix = resourcePrefix;
        this.streamsApplication = streamsApplication;
    }

    /** True where the principal runs a Kafka Streams application whose application id is its resource prefix. */
    public boolean streamsApplication() {
        return streamsApplication;
    }

    /** The user name it signs in with, and the name topics use for their writer and readers. */
    public String id() {
        return id;
    }

    /** {@code User:<name>}, as ACLs name it. */
    public String kafkaPrincipal() {
        return "User:" + id;
    }

    /**
     * The prefix of the consumer groups, transactional ids and (for a Kafka Streams service, whose
     * application id it is) internal topics this principal owns; empty where it owns none.
     */
    public Optional<String> resourcePrefix() {
        return Optional.ofNullable(resourcePrefix);
    }

    /** True for the five services of the pipeline. */
    public boolean isService() {
        return ordinal() <= FUNNEL.ordinal();
    }

    public static Optional<Principal> byId(String id) {
        return Arrays.stream(values()).filter(principal -> principal.id.equals(id)).findFirst();
    }
}
