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
 * or over HTTP. The parts are derived state that only a running task has, so while a partition
 * is restoring or moving the whole query is retried, until the query timeout, and then refused
 * with 503: an answer never silently leaves a partition out. An application's own state is
 * logged, so a lookup falls back to a standby replica (possibly a little behind).
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

    /** This instance's parts of the rows for the given partitions; fails if any is not held by a running task here. */
    public PartsJson localParts(List<Integer> wanted) {
        List<PartsJson.Part> parts = new ArrayList<>();
        for (int partition : wanted) {
            List<PartsJson.RowPart> rows = new ArrayList<>();
            ReadOnlyKeyValueStore<RowKey, FunnelCounts> store = partials(partition);
            try (KeyValueIterator<RowKey, FunnelCounts> all = store.all()) {
                all.forEachRemaining(entry -> rows.add(new PartsJson.RowPart(entry.key.role(), entry.key.location(),
                        Base64.getEncoder().encodeToString(FunnelCodec.encode(entry.value)))));
            }
            parts.add(new PartsJson.Part(partition, rows));
        }
        return new PartsJson(parts);
    }

    /** Adds this instance's parts of the wanted rows of one partition to the funnel. */
    private void readLocal(int partition, java.util.function.Predicate<RowKey> wanted, Funnel into) {
        try (KeyValueIterator<RowKey, FunnelCounts> all = partials(partition).all()) {
            all.forEachRemaining(entry -> {
                if (wanted.test(entry.key)) {
                    into.add(entry.key, entry.value);
                }
            });
        }
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

    private Funnel readFunnel(java.util.function.Predicate<RowKey> wanted) {
        Map<HostInfo, List<Integer>> plan = new LinkedHashMap<>();
        activeHostByPartition().forEach((partition, host) -> plan.computeIfAbsent(host, h -> new ArrayList<>()).add(partition));
        Funnel funnel = new Funnel();
        for (Map.Entry<HostInfo, List<Integer>> host : plan.entrySet()) {
            try {
                if (host.getKey().equals(self)) {
                    for (int partition : host.getValue()) {
                        readLocal(partition, wanted, funnel);
                    }
                    continue;
                }
                for (PartsJson.Part part : remoteParts(host.getKey(), host.getValue()).parts()) {
                    for (PartsJson.RowPart row : part.rows()) {
                        RowKey key = new RowKey(row.role(), row.location());
                        if (wanted.test(key)) {
                            funnel.add(key, FunnelCodec.decodeCounts(Base64.getDecoder().decode(row.counts())));
                        }
                    }
                }
            } catch (InvalidStateStoreException | HttpClientException e) {
                throw new NotReady(host.getKey() + " could not answer for partitions " + host.getValue() + ": " + e.getMessage());
            }
        }
        return funnel;
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

    /** For each input partition, the instance whose active task holds it. */
    private Map<Integer, HostInfo> activeHostByPartition() {
        int count = partitionCount();
        Map<Integer, HostInfo> owners = new LinkedHashMap<>();
        String applied = Topics.APPLIED.name();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(FunnelTopology.PARTIALS_STORE)) {
            for (TopicPartition partition : instance.topicPartitions()) {
                if (partition.topic().equals(applied) && partition.partition() < count) {
                    owners.put(partition.partition(), instance.hostInfo());
                }
            }
        }
        if (owners.size() < count) {
            List<Integer> orphaned = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                if (!owners.containsKey(p)) {
                    orphaned.add(p);
                }
            }
            throw new NotReady("partitions " + orphaned + " are not assigned to any instance yet");
        }
        return owners;
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

    private PartsJson remoteParts(HostInfo host, List<Integer> wanted) {
        String query = wanted.stream().map(String::valueOf).collect(Collectors.joining(","));
        return peers.get(host, "/internal/funnel/parts?partitions=" + query, PartsJson.class);
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
