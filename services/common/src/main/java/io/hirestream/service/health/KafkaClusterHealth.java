package io.hirestream.service.health;

import io.hirestream.service.kafka.KafkaClientSettings;
import io.hirestream.clients.ClientSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Up while the service reaches the Kafka cluster: the cluster answers a describe within a few
 * seconds. It stands in for micronaut-kafka's own indicator, whose client is not safe for
 * concurrent health requests (two probes at once left it failing until restart). The Admin
 * client is thread-safe; an answer is reused for a second, so probes cannot pile up on the broker.
 */
@Singleton
public class KafkaClusterHealth implements HealthIndicator {

    private static final long TIMEOUT_MS = 3_000;
    private static final long REUSE_MS = 1_000;

    private final Admin admin;
    private HealthResult last;
    private long lastAt;

    public KafkaClusterHealth(KafkaClientSettings settings) {
        Map<String, Object> configs = ClientSettings.kafkaOnly(settings.clients());
        configs.putAll(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "health",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS));
        this.admin = Admin.create(configs);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized HealthResult check() {
        long now = System.currentTimeMillis();
        if (last != null && now - lastAt < REUSE_MS) {
            return last;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus status;
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT_MS));
            details.put("clusterId", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            details.put("brokers", cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size());
            status = HealthStatus.UP;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            details.put("error", "the Kafka cluster did not answer: " + e);
            status = HealthStatus.DOWN;
        }
        last = HealthResult.builder("kafka", status).details(details).build();
        lastAt = System.currentTimeMillis();
        return last;
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
