package io.hirestream.funnel;

import io.hirestream.topics.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stage topics' partition count (they are co-partitioned: one count), described once: which
 * partition owns an application.
 */
@Singleton
public class StagePartitions {

    private static final Logger LOG = LoggerFactory.getLogger(StagePartitions.class);

    private final Admin admin;
    private volatile int count;

    public StagePartitions(Admin admin) {
        this.admin = admin;
    }

    /** The count; an exception where the cluster does not answer within 10 s. */
    public int count() throws ExecutionException, TimeoutException, InterruptedException {
        if (count == 0) {
            count = admin.describeTopics(List.of(Topics.APPLIED.name())).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.APPLIED.name()).partitions().size();
        }
        return count;
    }

    /** The count, asked again until the cluster answers: for a task that cannot start without it. */
    public int await() {
        while (true) {
            try {
                return count();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("cannot describe {} yet, asking again: {}", Topics.APPLIED.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing " + Topics.APPLIED.name(), e);
            }
        }
    }
}
