package io.hirestream.service.streams;

import io.hirestream.service.http.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Reads a Kafka Streams application's key-value stores on whichever instance holds them: a key
 * from its partition's active task (or a standby), locally or over HTTP; every value from every
 * partition's active task. While a partition moves, a read is retried until the timeout and then
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

    /** Every value of the store, from every partition's active task. */
    public <V> List<V> all(String storeName) {
        QueryableStore<V> store = store(storeName);
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
            List<V> values = new ArrayList<>();
            for (Map.Entry<HostInfo, List<Integer>> host : plan.entrySet()) {
                for (int partition : host.getValue()) {
                    List<byte[]> bytes;
                    try {
                        bytes = host.getKey().equals(self) ? localPartition(store, partition)
                                : remotePartition(host.getKey(), storeName, partition);
                    } catch (HttpClientException e) {
                        throw new InvalidStateStoreException(host.getKey() + " did not answer: " + e.getMessage());
                    }
                    bytes.forEach(b -> values.add(store.values().deserializer().deserialize(null, b)));
                }
            }
            return values;
        });
    }

    /** This instance's serialized value of a key, or null; throws where the partition is not queryable here. */
    public byte[] localBytes(QueryableStore<?> store, String key, int partition, boolean stale) {
        Object value = keyValues(store.name(), partition, stale).get(key);
        return value == null ? null : serialize(store, value);
    }

    /** This instance's serialized values of one partition of a store. */
    public List<byte[]> localPartition(QueryableStore<?> store, int partition) {
        List<byte[]> values = new ArrayList<>();
        try (KeyValueIterator<String, Object> all = keyValues(store.name(), partition, false).all()) {
            all.forEachRemaining(entry -> values.add(serialize(store, entry.value)));
        }
        return values;
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
            String encoded = peers.of(host).retrieve(HttpRequest.GET("/internal/state/" + store + "/keys/"
                    + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?partition=" + partition + "&stale=" + stale), String.class);
            return Base64.getDecoder().decode(encoded.trim());
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private List<byte[]> remotePartition(HostInfo host, String store, int partition) {
        List<String> encoded = peers.of(host).retrieve(HttpRequest.GET("/internal/state/" + store + "/partitions/" + partition),
                Argument.listOf(String.class));
        return encoded.stream().map(Base64.getDecoder()::decode).toList();
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
