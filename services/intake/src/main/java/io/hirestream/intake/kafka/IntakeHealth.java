package io.hirestream.intake.kafka;

import io.hirestream.events.Requisition;
import io.hirestream.events.SubmissionReceipt;
import io.hirestream.service.kafka.TopicView;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/** Up only while intake can write (its transactional producer is ready) and knows the requisitions. */
@Singleton
public class IntakeHealth implements HealthIndicator {

    private final TransactionalWriter writer;
    private final TopicView<Requisition> requisitions;
    private final TopicView<SubmissionReceipt> receipts;

    public IntakeHealth(TransactionalWriter writer, TopicView<Requisition> requisitions, TopicView<SubmissionReceipt> receipts) {
        this.writer = writer;
        this.requisitions = requisitions;
        this.receipts = receipts;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("transactionalProducer", writer.ready() ? "ready" : "not ready");
        details.put("requisitions", requisitions.caughtUp() ? "caught up" : "loading");
        details.put("receipts", receipts.caughtUp() ? "caught up" : "loading");
        boolean up = writer.ready() && requisitions.caughtUp() && receipts.caughtUp()
                && requisitions.running() && receipts.running();
        return Mono.just(HealthResult.builder("intake", up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build());
    }
}
