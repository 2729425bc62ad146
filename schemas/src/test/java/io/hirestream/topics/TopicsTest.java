package io.hirestream.topics;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void theCatalogueHoldsTheContractsTopicsWithTheirSingleWriters() {
        Map<String, String> writers = Topics.all().stream().collect(Collectors.toMap(Topic::name, Topic::writer));

        assertThat(writers).containsEntry("hiring.requisitions.v1", "intake")
                .containsEntry("hiring.candidates.v1", "intake")
                .containsEntry("hiring.applications.applied.v1", "intake")
                .containsEntry("hiring.applications.screened.v1", "screening")
                .containsEntry("hiring.applications.interviewed.v1", "interview")
                .containsEntry("hiring.applications.offered.v1", "offer")
                .containsEntry("hiring.funnel.metrics.v1", "funnel")
                .containsEntry("hiring.deadletter.v1", Topic.ANY_WRITER);
    }

    @Test
    void everyWriterAndReaderIsAPrincipalThatSignsInToKafka() {
        assertThat(Topics.all()).allSatisfy(topic -> {
            assertThat(topic.hasSingleWriter() ? Principal.byId(topic.writer()) : Optional.of(Principal.OPS))
                    .as("the writer of %s", topic.name()).isPresent();
            assertThat(topic.readers()).doesNotContain(Principal.DEMO);
        });
        assertThat(Acls.of(Principal.DEMO)).isEmpty();
    }

    @Test
    void theStageTopicsAreDeclaredAlikeSoThatTheyStayCoPartitioned() {
        TopicSettings production = new TopicSettings(24, (short) 3, 2);

        assertThat(Topics.APPLICATION_EVENTS).extracting(topic -> topic.declaration(production))
                .allSatisfy(declaration -> {
                    assertThat(declaration.partitions()).isEqualTo(24);
                    assertThat(declaration.replicationFactor()).isEqualTo((short) 3);
                    assertThat(declaration.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                            .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                            .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
                });
    }

    @Test
    void stateTopicsAreCompactedAndContactDetailsAreErasedWithinAWeek() {
        assertThat(Topics.REQUISITIONS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(Topics.FUNNEL_METRICS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(Topics.CANDIDATES.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .containsEntry(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(7L * 24 * 3600 * 1000));
    }

    @Test
    void settingsComeFromTheSameKeysEverywhereAndRejectNonsense() {
        assertThat(TopicSettings.from(Map.of(TopicSettings.PARTITIONS, "12", TopicSettings.REPLICATION_FACTOR, "3",
                TopicSettings.MIN_INSYNC_REPLICAS, "2"))).isEqualTo(new TopicSettings(12, (short) 3, 2));
        assertThat(TopicSettings.from(Map.of())).isEqualTo(TopicSettings.LOCAL);
        assertThatThrownBy(() -> new TopicSettings(6, (short) 1, 2)).hasMessageContaining("min in-sync replicas");
    }
}
