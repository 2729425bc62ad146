package io.hirestream.pipeline;

import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.KafkaStackExtension;
import io.hirestream.testkit.OpsCli;
import io.hirestream.testkit.PrivateBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ops/hirestream chaos}, small, on a pipeline and broker of its own: applications driven to
 * their planned ends while services are killed and the broker restarts, and the verdict that no
 * event was lost or doubled and that the funnel equals the topics.
 */
@ExtendWith(KafkaStackExtension.class)
class ChaosIT {

    @Test
    void aChaosRunWithKillsAndABrokerRestartLosesAndDoublesNothing(KafkaStack shared) throws Exception {
        Path home = Pipeline.tempHome();
        try (PrivateBroker broker = PrivateBroker.start(shared, home); Pipeline pipeline = Pipeline.start(broker.stack(), home)) {
            OpsCli.Result chaos = OpsCli.run(Map.of(), "chaos", "--home", home.toString(),
                    "--bootstrap-servers", broker.stack().bootstrapServers(), "--registry-url", broker.stack().registryUrl(),
                    "--applications", "120", "--kill", "intake,screening,interview,offer,funnel", "--kills", "2",
                    "--broker-restarts", "1", "--clients", "8", "--timeout", "PT4M");

            assertThat(chaos.exitCode()).as(chaos.toString()).isZero();
            assertThat(chaos.out()).contains("killed (SIGKILL").contains("broker restarted")
                    .containsPattern("funnel: (\\d+) rows, \\1 match the offline recomputation from the topics, 0 differ")
                    .contains("chaos: PASSED");
            assertThat(chaos.out().lines().filter(line -> line.startsWith("hiring.applications."))).hasSize(4)
                    .allSatisfy(line -> assertThat(line).matches("\\S+\\s+[\\d,]+\\s+0\\s+0"));
        }
    }
}
