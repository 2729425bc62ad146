package io.hirestream.funnel.http;

import io.hirestream.events.FunnelMetrics;
import io.hirestream.funnel.topology.FunnelMetricsMapper;
import io.hirestream.topics.Topics;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.sse.Event;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Follows the metrics topic from its end and hands every published row to the dashboards
 * listening on {@code /api/funnel/stream}. Every instance follows all of it, so every instance
 * streams every row; no consumer group, nothing committed.
 */
@Singleton
public class FunnelUpdates implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(FunnelUpdates.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Sinks.Many<RowJson> rows = Sinks.many().multicast().directBestEffort();
    private final Map<String, Object> configs;
    private volatile KafkaConsumer<String, FunnelMetrics> consumer;
    private volatile boolean running = true;
    private Thread thread;

    public FunnelUpdates(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                         @Value("${schema.registry.url}") String registryUrl) {
        this.configs = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                "schema.registry.url", registryUrl);
    }

    /** Row events for one listener, with a comment every 15 s so that idle connections stay open. */
    public Publisher<Event<RowJson>> events() {
        Flux<Event<RowJson>> changes = rows.asFlux().map(row -> Event.of(row).name("row"));
        Flux<Event<RowJson>> heartbeats = Flux.interval(HEARTBEAT).map(tick -> Event.<RowJson>of(null).comment("heartbeat"));
        return Flux.merge(changes, heartbeats);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        thread = new Thread(this::follow, "funnel-updates");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, FunnelMetrics> metrics = new KafkaConsumer<>(configs, new StringDeserializer(),
                    Topics.FUNNEL_METRICS.valueSerde(configs).deserializer())) {
                consumer = metrics;
                List<TopicPartition> partitions = metrics.partitionsFor(Topics.FUNNEL_METRICS.name(), Duration.ofSeconds(30))
                        .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                metrics.assign(partitions);
                metrics.seekToEnd(partitions);
                while (running) {
                    for (ConsumerRecord<String, FunnelMetrics> record : metrics.poll(Duration.ofMillis(500))) {
                        if (record.value() != null) {
                            rows.tryEmitNext(RowJson.of(FunnelMetricsMapper.toRow(record.value())));
                        }
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("following {} failed, starting over in 1 s: {}", Topics.FUNNEL_METRICS.name(), e.toString());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<String, FunnelMetrics> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        rows.tryEmitComplete();
    }
}
