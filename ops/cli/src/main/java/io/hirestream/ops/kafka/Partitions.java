package io.hirestream.ops.kafka;

import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;

/** Topic partitions in the order people read them: by topic, then partition number. */
public final class Partitions {

    public static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private Partitions() {
    }
}
