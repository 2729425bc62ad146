package io.hirestream.funnel.http;

import io.hirestream.funnel.FunnelSettings;
import io.hirestream.funnel.StagePartitions;
import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.Funnel;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.topology.FunnelCodec;
import io.hirestream.funnel.topology.FunnelTopology;
import io.hirestream.service.http.ProblemException;
import io.hirestream.topics.Topics;
import io.hirestream.service.streams.PeerClients;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Answers funnel queries from the state of every instance of the funnel application. Each
 * partition's parts of the rows are read from the instance whose active task holds them, here
 * or over HTTP; where it cannot answer (crashed, restoring), an instance with a standby replica
 * of the partition sums them from the applications it holds (logged, so replicated; a little
 * behind). Where no instance can answer for some partition, the whole query is retried until the
 * query timeout, then refused with 503: an answer never silently leaves a partition out. An
 * application's own state falls back to a standby the same way.
 */
@Singleton
public class FunnelQueries {

    private static final Logger LOG = LoggerFactory.getLogger(FunnelQueries.class);

    private final KafkaStreams streams;
    private final StagePartitions stagePartitions;
    private final Duration queryTimeout;
    private final HostInfo self;
    private final PeerClients peers;

    public FunnelQueries(KafkaStreams streams, StagePartitions stagePartitions, FunnelSettings settings,
                         @Value("${kafka.streams.default.application.server}") String applicationServer, PeerClients peers) {
        this.peers = peers;
        this.streams = streams;
        this.stagePartitions = stagePartitions;
        this.queryTimeout = settings.queryTimeout();
        this.self = HostInfo.buildFromEndpoint(applicationServer);
    }

    /** The whole funnel: every partition's parts of every row, summed. */
    public Funnel funnel() {
        return funnel(row -> true);
    }

    /** The rows that pass the filter, with every partition's parts summed; only those rows are read and merged. */
    public Funnel funnel(java.util.function.Predicate<RowKey> rows) {
        return retrying("the funnel", () -> readFunnel(rows));
    }

    /** The application's standing events, if the funnel has seen any. */
    public Optional<ApplicationState> application(String applicationId) {
        return retrying("application " + applicationId, () -> readApplication(applicationId));
    }

    /**
     * This instance's parts of the rows for the given partitions: a running task's; or, with
     * {@code stale}, derived from a standby's (or restoring task's) applications, a little behind,
     * for while the partition's active instance cannot answer. Fails where this instance holds
     * neither.
     */
    public PartsJson localParts(List<Integer> wanted, boolean stale) {
        List<PartsJson.Part> parts = new ArrayList<>();
        for (int partition : wanted) {
            List<PartsJson.RowPart> rows = new ArrayList<>();
            parts(partition, stale).forEach((row, counts) -> rows.add(new PartsJson.RowPart(row.role(), row.location(),
                    Base64.getEncoder().encodeToString(FunnelCodec.encode(counts)))));
            parts.add(new PartsJson.Part(partition, rows));
        }
        return new PartsJson(parts);
    }

    /** Adds this instance's parts of the wanted rows of one partition to the funnel. */
    private void readLocal(int partition, boolean stale, java.util.function.Predicate<RowKey> wanted, Funnel into) {
        parts(partition, stale).forEach((row, counts) -> {
            if (wanted.test(row)) {
                into.add(row, counts);
            }
        });
    }

    /** One partition's parts of the rows: the running task's, or (stale) summed from the applications a replica holds. */
    private Map<RowKey, FunnelCounts> parts(int partition, boolean stale) {
        if (!stale) {
            Map<RowKey, FunnelCounts> parts = new LinkedHashMap<>();
            try (KeyValueIterator<RowKey, FunnelCounts> all = partials(partition).all()) {
                all.forEachRemaining(entry -> parts.put(entry.key, entry.value));
            }
            return parts;
        }
        ReadOnlyKeyValueStore<String, ApplicationState> applications = streams.store(StoreQueryParameters.fromNameAndType(
                FunnelTopology.APPLICATIONS_STORE, QueryableStoreTypes.<String, ApplicationState>keyValueStore())
                .withPartition(partition).enableStaleStores());
        Funnel summed = new Funnel();
        try (KeyValueIterator<String, ApplicationState> all = applications.all()) {
            all.forEachRemaining(entry -> summed.add(entry.value));
        }
        return summed.rows();
    }

    /** The parts of a running task's partition; never a standby's or a restoring task's, which have none yet. */
    private ReadOnlyKeyValueStore<RowKey, FunnelCounts> partials(int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(FunnelTopology.PARTIALS_STORE,
                QueryableStoreTypes.<RowKey, FunnelCounts>keyValueStore()).withPartition(partition));
    }

    /** The application's state if this instance holds its partition; empty if it holds it and has none. */
    public Optional<ApplicationState> localApplication(String applicationId, int partition, boolean stale) {
        ReadOnlyKeyValueStore<String, ApplicationState> store = streams.store(
                withStaleness(StoreQueryParameters.fromNameAndType(FunnelTopology.APPLICATIONS_STORE,
                        QueryableStoreTypes.<String, ApplicationState>keyValueStore()).withPartition(partition), stale));
        return Optional.ofNullable(store.get(applicationId));
    }

    /**
     * Every partition's parts of the wanted rows: from the instance whose active task holds the
     * partition; where it cannot answer (it crashed and the group has not noticed yet, or it is
     * restoring), from an instance with a standby replica of it, a little behind. Answers whole or
     * not at all.
     */
    private Funnel readFunnel(java.util.function.Predicate<RowKey> wanted) {
        Map<Integer, List<Replica>> candidates = replicasByPartition();
        Funnel funnel = new Funnel();
        while (!candidates.isEmpty()) {
            // Ask each instance once for all the partitions it is the next candidate for.
            Map<Replica, List<Integer>> plan = new LinkedHashMap<>();
            candidates.forEach((partition, replicas) -> plan.computeIfAbsent(replicas.getFirst(), r -> new ArrayList<>()).add(partition));
            for (Map.Entry<Replica, List<Integer>> ask : plan.entrySet()) {
                Replica replica = ask.getKey();
                try {
                    read(replica, ask.getValue(), wanted, funnel);
                    ask.getValue().forEach(candidates::remove);
                } catch (InvalidStateStoreException | HttpClientException e) {
                    for (int partition : ask.getValue()) {
                        List<Replica> rest = candidates.get(partition);
                        rest.removeFirst();
                        if (rest.isEmpty()) {
                            throw new NotReady("no instance could answer for partition " + partition + " (last " + replica
                                    + ": " + e.getMessage() + ")");
                        }
                    }
                }
            }
        }
        return funnel;
    }

    private void read(Replica replica, List<Integer> partitions, java.util.function.Predicate<RowKey> wanted, Funnel into) {
        if (replica.host().equals(self)) {
            // Read every partition before adding any: a failure part-way must not leave some counted twice on retry.
            Funnel local = new Funnel();
            for (int partition : partitions) {
                readLocal(partition, replica.stale(), wanted, local);
            }
            local.rows().forEach(into::add);
            return;
        }
        for (PartsJson.Part part : remoteParts(replica, partitions).parts()) {
            for (PartsJson.RowPart row : part.rows()) {
                RowKey key = new RowKey(row.role(), row.location());
                if (wanted.test(key)) {
                    into.add(key, FunnelCodec.decodeCounts(Base64.getDecoder().decode(row.counts())));
                }
            }
        }
    }

    /** One instance that may answer for a partition: its active task, or (stale) a standby replica. */
    private record Replica(HostInfo host, boolean stale) {
        @Override
        public String toString() {
            return host + (stale ? " (standby)" : "");
        }
    }

    private Optional<ApplicationState> readApplication(String applicationId) {
        // The partition is the one the stage topics' producers chose, from the key as a UTF-8 string.
        KeyQueryMetadata metadata = streams.queryMetadataForKey(FunnelTopology.APPLICATIONS_STORE, applicationId,
                Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new NotReady("no instance holds the partition of " + applicationId + " yet");
        }
        List<HostInfo> hosts = new ArrayList<>();
        hosts.add(metadata.activeHost());
        hosts.addAll(metadata.standbyHosts());
        for (int i = 0; i < hosts.size(); i++) {
            HostInfo host = hosts.get(i);
            boolean stale = i > 0;
            try {
                if (host.equals(self)) {
                    return localApplication(applicationId, metadata.partition(), stale);
                }
                return remoteApplication(host, applicationId, metadata.partition(), stale);
            } catch (InvalidStateStoreException | HttpClientException e) {
                LOG.debug("{} could not answer for {}: {}", host, applicationId, e.toString());
            }
        }
        throw new NotReady("no instance answered for " + applicationId);
    }

    /**
     * For each input partition, who may answer for it: the instance whose active task holds it,
     * then those with a standby replica of it. A partition no instance holds yet is not ready.
     */
    private Map<Integer, List<Replica>> replicasByPartition() {
        int count = partitionCount();
        Map<Integer, List<Replica>> replicas = new java.util.TreeMap<>();
        String applied = Topics.APPLIED.name();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(FunnelTopology.APPLICATIONS_STORE)) {
            for (TopicPartition partition : instance.topicPartitions()) {
                if (partition.topic().equals(applied) && partition.partition() < count) {
                    replicas.computeIfAbsent(partition.partition(), p -> new ArrayList<>()).addFirst(new Replica(instance.hostInfo(), false));
                }
            }
            for (TopicPartition partition : instance.standbyTopicPartitions()) {
                if (partition.topic().equals(applied) && partition.partition() < count) {
                    replicas.computeIfAbsent(partition.partition(), p -> new ArrayList<>()).addLast(new Replica(instance.hostInfo(), true));
                }
            }
        }
        if (replicas.size() < count) {
            List<Integer> orphaned = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                if (!replicas.containsKey(p)) {
                    orphaned.add(p);
                }
            }
            throw new NotReady("partitions " + orphaned + " are not assigned to any instance yet");
        }
        return replicas;
    }

    private int partitionCount() {
        try {
            return stagePartitions.count();
        } catch (ExecutionException | TimeoutException e) {
            throw new NotReady("cannot describe " + Topics.APPLIED.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("interrupted");
        }
    }

    private PartsJson remoteParts(Replica replica, List<Integer> wanted) {
        String query = wanted.stream().map(String::valueOf).collect(Collectors.joining(","));
        return peers.get(replica.host(), "/internal/funnel/parts?partitions=" + query + "&stale=" + replica.stale(), PartsJson.class);
    }

    private Optional<ApplicationState> remoteApplication(HostInfo host, String applicationId, int partition, boolean stale) {
        try {
            String encoded = peers.get(host, "/internal/funnel/applications/"
                    + java.net.URLEncoder.encode(applicationId, java.nio.charset.StandardCharsets.UTF_8)
                    + "?partition=" + partition + "&stale=" + stale, String.class);
            return Optional.of(FunnelCodec.decodeApplication(Base64.getDecoder().decode(encoded.trim())));
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <K, V> StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> withStaleness(
            StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> parameters, boolean stale) {
        return stale ? parameters.enableStaleStores() : parameters;
    }

    private <T> T retrying(String what, java.util.function.Supplier<T> query) {
        Instant deadline = Instant.now().plus(queryTimeout);
        long backoff = 50;
        NotReady last;
        while (true) {
            try {
                return query.get();
            } catch (NotReady | InvalidStateStoreException e) {
                last = e instanceof NotReady notReady ? notReady : new NotReady(e.getMessage());
            }
            if (Instant.now().plusMillis(backoff).isAfter(deadline)) {
                throw ProblemException.unavailable("The funnel cannot answer for " + what + " yet: " + last.getMessage()
                        + ". It is starting, rebalancing or restoring its state; try again in a moment.");
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProblemException.unavailable("interrupted while waiting for the funnel");
            }
            backoff = Math.min(backoff * 2, 1_000);
        }
    }

    /** Some partition has no instance that can answer right now. */
    static final class NotReady extends RuntimeException {
        NotReady(String message) {
            super(message, null, false, false);
        }
    }
}
