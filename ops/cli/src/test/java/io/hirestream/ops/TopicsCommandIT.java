package io.hirestream.ops;

import io.hirestream.testkit.OpsCli;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.provisioning.TopicCheck;
import io.hirestream.provisioning.TopicProvisioner;
import io.hirestream.testkit.KafkaStack;
import io.hirestream.testkit.WithKafkaStack;
import io.hirestream.topics.Topic;
import io.hirestream.topics.TopicSettings;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithKafkaStack
class TopicsCommandIT {

    @Test
    void applyOnAProvisionedClusterChangesNothingAndExitsZero(KafkaStack stack) throws Exception {
        OpsCli.Result apply = OpsCli.run(OpsCli.environment(stack), "topics", "apply");
        OpsCli.Result diff = OpsCli.run(OpsCli.environment(stack), "topics", "diff");

        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
        for (Topic<?, ?> topic : Topics.all()) {
            assertThat(diff.out()).containsPattern(topic.name().replace(".", "\\.") + "\\s+OK");
        }
    }

    @Test
    void driftIsReportedAndOnlyHarmlessConfigsAreEverChanged(KafkaStack stack) throws Exception {
        Topic<String, byte[]> declared = new Topic<>(KafkaStack.unique("test.drift"), Serdes.String(), null, "test", java.util.Set.of(),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.SEGMENT_MS_CONFIG, "3600000"), "a topic that drifted");
        try (Admin admin = Provisioning.admin(stack.clientConfigs())) {
            admin.createTopics(List.of(new NewTopic(declared.name(), 2, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)))).all().get();
            TopicProvisioner provisioner = new TopicProvisioner(admin, TopicSettings.LOCAL);

            TopicCheck diff = provisioner.diff(List.of(declared)).get(0);
            TopicCheck applied = provisioner.apply(List.of(declared), true).get(0);

            assertThat(diff.state()).isEqualTo(TopicCheck.State.DRIFTED);
            assertThat(diff.drift()).anySatisfy(d -> assertThat(d).startsWith("partitions: declared 6, actual 2"))
                    .anySatisfy(d -> assertThat(d).startsWith("cleanup.policy: declared compact, actual delete"))
                    .anySatisfy(d -> assertThat(d).startsWith("segment.ms: declared 3600000"));
            assertThat(applied.state()).isEqualTo(TopicCheck.State.DRIFTED);
            assertThat(applied.drift()).anySatisfy(d -> assertThat(d).contains("changed segment.ms"))
                    .anySatisfy(d -> assertThat(d).contains("cleanup.policy").contains("not changed"));
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, declared.name());
            var actual = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(actual.get(TopicConfig.SEGMENT_MS_CONFIG).value()).isEqualTo("3600000");
            assertThat(actual.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
            assertThat(admin.describeTopics(List.of(declared.name())).allTopicNames().get()
                    .get(declared.name()).partitions()).hasSize(2);
        }
    }
}
