package io.hirestream.funnel.http;

import io.hirestream.events.FunnelMetrics;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.FunnelRow;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.topology.FunnelMetricsMapper;
import io.hirestream.topics.Topics;
import io.hirestream.funnel.FunnelSettings;
import io.hirestream.funnel.ProcessingPriority;
import io.hirestream.service.http.ProblemException;
import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.service.kafka.TopicFollower;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.sse.Event;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows the metrics topic from its end and hands every published row to the dashboards
 * listening on {@code /api/funnel/stream}. Every instance follows all of it, so every instance
 * streams every row; no consumer group, nothing committed. A row that cannot be read goes to the
 * dead-letter topic.
 */
@Singleton
public class FunnelUpdates implements ApplicationEventListener<ServerStartupEvent> {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Sinks.Many<RowJson> rows = Sinks.many().multicast().directBestEffort();
    private final TopicFollower<FunnelMetrics> follower;
    private final AtomicInteger streams = new AtomicInteger();
    private final int maxStreams;

    @Inject
    public FunnelUpdates(KafkaClientSettings settings, FunnelSettings funnel) {
        this(ProcessingPriority.clients(settings.clients(), funnel.processingNice()), funnel.maxStreams());
    }

    FunnelUpdates(Map<String, Object> clients, int maxStreams) {
        this.maxStreams = maxStreams;
        this.follower = new TopicFollower<>(Topics.FUNNEL_METRICS, clients, TopicFollower.From.END,
                (key, value) -> {
                    FunnelRow row = value != null ? FunnelMetricsMapper.toRow(value) : emptied(key);
                    if (row != null) {
                        rows.tryEmitNext(RowJson.of(row));
                    }
                });
    }

    /** A tombstone: the row has no application left (they moved to another row); listeners see it at zero. */
    private static FunnelRow emptied(String key) {
        try {
            RowKey row = RowKey.parse(key);
            return FunnelRow.of(row.role(), row.location(), new FunnelCounts());
        } catch (IllegalArgumentException notARow) {
            return null;
        }
    }

    /**
     * Row events ({@code row}) for one listener, and a {@code heartbeat} event at once and every 15 s
     * after, so that the answer starts without waiting for a change and idle connections stay open;
     * 503 while this instance already serves as many streams as it may.
     */
    public Publisher<Event<Object>> events() {
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            throw ProblemException.unavailable("This instance already serves " + maxStreams + " live streams"
                    + " (FUNNEL_MAX_STREAMS); try again in a moment, or another instance.");
        }
        Flux<Event<Object>> changes = rows.asFlux().map(row -> Event.<Object>of(row).name("row"));
        // An event needs data: an empty one, named so that listeners of rows never see it.
        Flux<Event<Object>> heartbeats = Flux.interval(Duration.ZERO, HEARTBEAT).map(tick -> Event.<Object>of("").name("heartbeat"));
        return Flux.merge(changes, heartbeats).doFinally(signal -> streams.decrementAndGet());
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        follower.start();
    }

    @PreDestroy
    void stop() {
        follower.close();
        rows.tryEmitComplete();
    }
}
