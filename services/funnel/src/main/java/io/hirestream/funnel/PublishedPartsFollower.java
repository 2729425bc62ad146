package io.hirestream.funnel;

import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.topology.PublishedParts;
import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.service.kafka.TopicFollower;
import io.hirestream.topics.Topic;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Map;
import java.util.Set;

/**
 * Follows every partition's published parts of the rows (the row-parts changelog) from the start,
 * into this instance's {@link FunnelView}: so that the view counts the partitions whose tasks run on
 * other instances, or on none for a moment (an instance crashed, a rebalance, a restore), as they
 * were last published. Started with the application; the view is complete once the follower has
 * read what the topic held when it started.
 */
@Context
public class PublishedPartsFollower {

    private final TopicFollower<byte[]> follower;
    private volatile boolean caughtUp;

    public PublishedPartsFollower(FunnelView view, KafkaClientSettings settings, FunnelSettings funnel,
                                  @Value("${kafka.streams.default.application.id}") String applicationId) {
        Topic<String, byte[]> changelog = new Topic<>(PublishedParts.changelog(applicationId), Serdes.String(), null,
                "funnel", Set.of(), Map.of(), "the funnel's published parts of rows, per partition (Kafka Streams changelog)");
        this.follower = new TopicFollower<>(changelog, ProcessingPriority.clients(settings.clients(), funnel.processingNice()),
                TopicFollower.From.BEGINNING,
                // A part that cannot be read goes to the dead-letter topic (the follower's rule), the rest on into the view.
                TopicFollower.Listener.<byte[]>of((key, value) -> PublishedParts.replicate(view, key, value),
                        () -> caughtUp = true)).start();
    }

    /** True once every partition's parts published before this instance started are in the view. */
    public boolean caughtUp() {
        return caughtUp;
    }

    @PreDestroy
    void stop() {
        follower.close();
    }
}
