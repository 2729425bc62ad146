package io.hirestream.funnel;

import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.ServiceInstance;

import java.util.HashMap;
import java.util.Map;

/** Funnel service instances for tests: each on its own port and state folder, sharing an application id. */
final class FunnelInstance {

    private FunnelInstance() {
    }

    static ServiceInstance start(KafkaStack stack, String applicationId) {
        return start(stack, applicationId, Map.of());
    }

    /** An instance with these settings besides the tests' own. */
    static ServiceInstance start(KafkaStack stack, String applicationId, Map<String, Object> settings) {
        int port = ServiceInstance.freePort();
        Map<String, Object> all = new HashMap<>(settings);
        all.putAll(Map.of(
                "kafka.streams.default.application.id", applicationId,
                "kafka.streams.default.application.server", "127.0.0.1:" + port,
                "kafka.streams.default.state.dir", ServiceInstance.tempDir("funnel-state-").toString(),
                "hirestream.funnel.emit-interval", "200ms",
                // A stopped instance leaves its partitions to the others after the session timeout: keep it short here.
                "kafka.streams.default.session.timeout.ms", "6000",
                "kafka.streams.default.heartbeat.interval.ms", "1000"));
        return ServiceInstance.start(stack, port, all);
    }
}
