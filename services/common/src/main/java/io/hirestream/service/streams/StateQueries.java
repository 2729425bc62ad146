package io.hirestream.service.streams;

import io.hirestream.service.http.Cursors;
import io.hirestream.service.http.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Reads a Kafka Streams application's key-value stores on whichever instance holds them: a key
 * from its partition's active task (or a standby), locally or over HTTP; a page of values, in key
 * order, from every partition's active task. While a partition moves, a read is retried until the timeout and then
 * answered 503; never a partial answer. Instances reach each other at their
 * {@code application.server} address, under {@code /internal/state}.
 */
@Singleton
@Requires(beans = KafkaStreams.class)
public class StateQueries {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Map<String, QueryableStore<?>> stores = new ConcurrentHashMap<>();
    private final PeerClients peers;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final AdminClient admin;

    public StateQueries(KafkaStreams streams, AdminClient admin, List<QueryableStore<?>> stores,
                        @Value("${kafka.streams.default.application.server}") String applicationServer, PeerClients peers) {
        this.peers = peers;
        this.streams = streams;
        this.admin = admin;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
        stores.forEach(store -> this.stores.put(store.name(), store));
    }

    /** The value of a key, from the instance that holds its partition. */
    public <V> Optional<V> get(String storeName, String key) {
        QueryableStore<V> store = store(storeName);
        return retrying(() -> {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(storeName, key, Serdes.String().serializer());
            if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                throw new InvalidStateStoreException("no instance holds the partition of " + key + " yet");
            }
            List<HostInfo> hosts = new ArrayList<>();
            hosts.add(metadata.activeHost());
            hosts.addAll(metadata.standbyHosts());
            InvalidStateStoreException last = null;
            for (int i = 0; i < hosts.size(); i++) {
                try {
                    byte[] bytes = hosts.get(i).equals(self)
                            ? localBytes(store, key, metadata.partition(), i > 0)
                            : remoteBytes(hosts.get(i), storeName, key, metadata.partition(), i > 0);
                    return Optional.ofNullable(bytes == null ? null : store.values().deserializer().deserialize(null, bytes));
                } catch (InvalidStateStoreException e) {
                    last = e;
                } catch (HttpClientException e) {
                    last = new InvalidStateStoreException(hosts.get(i) + " did not answer: " + e.getMessage());
                }
            }
            throw last;
        });
    }

    /** A page of a store's values, in key order, and where the next page starts (null after the last). */
    /**
     * The key's value once it satisfies {@code settled}, read wherever it lives, as a request that
     * wrote an input waits for the owning stream task to take it in (read your write). Polls, with
     * a pause doubling from 5 to 50 ms, since the value may live on another instance; a partition
     * moving between instances is asked again. Past the timeout: 504 (outcome unknown) with the
     * detail given.
     */
    public <V> V awaitSettled(String storeName, String key, Predicate<V> settled, Duration timeout, String detailOnTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        while (true) {
            try {
                Optional<V> value = get(storeName, key);
                if (value.isPresent() && settled.test(value.get())) {
                    return value.get();
                }
            } catch (ProblemException moving) {
                // 503 while the partition moves between instances: ask again.
            }
            if (System.nanoTime() > deadline) {
                throw ProblemException.outcomeUnknown(detailOnTimeout);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProblemException.outcomeUnknown(detailOnTimeout);
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    public record Page<V>(List<V> items, String nextCursor) {
    }

    /** A key and its serialized value, as one partition's page hands them on. */
    public record Entry(String key, byte[] value) {
    }

    /**
     * One page of the store's values that match the filters, in key order across all partitions,
     * after the key the cursor names: each partition's active task gives at most {@code limit}
     * matches after that key, and the first {@code limit} of them all make the page. Memory and the
     * answer's size are bounded by the limit, whatever the store holds; never a partial answer.
     */
    public <V> Page<V> page(String storeName, Map<String, String> filters, String cursor, int limit) {
        QueryableStore<V> store = store(storeName);
        String after = cursor == null ? null : Cursors.key(cursor);
        return retrying(() -> {
            Map<HostInfo, List<Integer>> plan = new LinkedHashMap<>();
            int partitions = 0;
            for (StreamsMetadata instance : streams.streamsMetadataForStore(storeName)) {
                for (TopicPartition partition : instance.topicPartitions()) {
                    if (partition.topic().equals(store.sourceTopic())) {
                        plan.computeIfAbsent(instance.hostInfo(), h -> new ArrayList<>()).add(partition.partition());
                        partitions++;
                    }
                }
            }
            int expected = expectedPartitions(store);
            if (partitions < expected) {
                throw new InvalidStateStoreException((expected - partitions) + " partition(s) of " + storeName + " are not assigned yet");
            }
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<HostInfo, List<Integer>> host : plan.entrySet()) {
                for (int partition : host.getValue()) {
                    try {
                        entries.addAll(host.getKey().equals(self) ? localPage(store, partition, filters, after, limit)
                                : remotePage(host.getKey(), storeName, partition, filters, after, limit));
                    } catch (HttpClientException e) {
                        throw new InvalidStateStoreException(host.getKey() + " did not answer: " + e.getMessage());
                    }
                }
            }
            entries.sort(java.util.Comparator.comparing(Entry::key));
            List<Entry> page = entries.subList(0, Math.min(limit, entries.size()));
            List<V> items = page.stream().map(entry -> store.values().deserializer().deserialize(null, entry.value())).toList();
            String next = entries.size() > limit ? Cursors.of(page.getLast().key()) : null;
            return new Page<>(items, next);
        });
    }

    /**
     * This instance's values of one partition of a store that match the filters, after the key, at most
     * {@code limit} of them plus one (so that the caller knows whether more follow); serialized.
     */
    public List<Entry> localPage(QueryableStore<?> store, int partition, Map<String, String> filters, String after, int limit) {
        List<Entry> page = new ArrayList<>();
        ReadOnlyKeyValueStore<String, Object> values = keyValues(store.name(), partition, false);
        try (KeyValueIterator<String, Object> range = after == null ? values.all() : values.range(after, null)) {
            while (range.hasNext() && page.size() <= limit) {
                var entry = range.next();
                if ((after == null || entry.key.compareTo(after) > 0) && matches(store, entry.value, filters)) {
                    page.add(new Entry(entry.key, serialize(store, entry.value)));
                }
            }
        }
        return page;
    }

    @SuppressWarnings("unchecked")
    private static <V> boolean matches(QueryableStore<V> store, Object value, Map<String, String> filters) {
        return store.matches((V) value, filters);
    }

    /** This instance's serialized value of a key, or null; throws where the partition is not queryable here. */
    public byte[] localBytes(QueryableStore<?> store, String key, int partition, boolean stale) {
        Object value = keyValues(store.name(), partition, stale).get(key);
        return value == null ? null : serialize(store, value);
    }

    @SuppressWarnings("unchecked")
    public <V> QueryableStore<V> store(String name) {
        QueryableStore<?> store = stores.get(name);
        if (store == null) {
            throw ProblemException.notFound("store", "No queryable store " + name + ".");
        }
        return (QueryableStore<V>) store;
    }

    private ReadOnlyKeyValueStore<String, Object> keyValues(String store, int partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> parameters = StoreQueryParameters
                .fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore()).withPartition(partition);
        return streams.store(stale ? parameters.enableStaleStores() : parameters);
    }

    @SuppressWarnings("unchecked")
    private static <V> byte[] serialize(QueryableStore<V> store, Object value) {
        return store.values().serializer().serialize(null, (V) value);
    }

    /** How many partitions the store has: those of its source topic, described once. */
    private int expectedPartitions(QueryableStore<?> store) {
        return partitionCounts.computeIfAbsent(store.sourceTopic(), topic -> {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            } catch (ExecutionException e) {
                throw new InvalidStateStoreException("cannot describe " + topic + ": " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InvalidStateStoreException("interrupted");
            }
        });
    }

    private byte[] remoteBytes(HostInfo host, String store, String key, int partition, boolean stale) {
        try {
            String encoded = peers.get(host, "/internal/state/" + store + "/keys/"
                    + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?partition=" + partition + "&stale=" + stale, String.class);
            return Base64.getDecoder().decode(encoded.trim());
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private List<Entry> remotePage(HostInfo host, String store, int partition, Map<String, String> filters, String after,
                                   int limit) {
        StringBuilder uri = new StringBuilder("/internal/state/" + store + "/partitions/" + partition + "?limit=" + limit);
        if (after != null) {
            uri.append("&after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
        }
        filters.forEach((field, value) -> uri.append("&").append(URLEncoder.encode(field, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        List<List<String>> encoded = peers.get(host, uri.toString(),
                Argument.listOf(Argument.listOf(String.class)));
        return encoded.stream().map(pair -> new Entry(pair.get(0), Base64.getDecoder().decode(pair.get(1)))).toList();
    }

    private static <T> T retrying(Supplier<T> read) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        long backoff = 25;
        while (true) {
            try {
                return read.get();
            } catch (InvalidStateStoreException e) {
                if (Instant.now().plusMillis(backoff).isAfter(deadline)) {
                    throw ProblemException.unavailable("The service cannot answer yet: " + e.getMessage()
                            + ". It is starting, rebalancing or restoring its state; try again in a moment.");
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw ProblemException.unavailable("interrupted while waiting for the state");
                }
                backoff = Math.min(backoff * 2, 1_000);
            }
        }
    }
}
