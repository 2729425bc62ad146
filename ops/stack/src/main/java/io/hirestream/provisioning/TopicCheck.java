package io.hirestream.provisioning;

import java.util.List;

/**
 * How one declared topic compares with the cluster.
 *
 * @param topic   the topic's name
 * @param state   what was found or done
 * @param drift   each difference between declaration and cluster, for a person to read
 */
public record TopicCheck(String topic, State state, List<String> drift) {

    public enum State {
        /** Exists as declared. */
        OK,
        /** Did not exist and was created. */
        CREATED,
        /** Does not exist (a diff only reports it). */
        MISSING,
        /** Exists, but differs from its declaration; see {@link #drift()}. */
        DRIFTED,
        /** Existed with differing configs that were safe to change, and were changed. */
        ALTERED
    }

    public TopicCheck {
        drift = List.copyOf(drift);
    }

    public boolean needsAttention() {
        return state == State.MISSING || state == State.DRIFTED;
    }

    @Override
    public String toString() {
        String line = String.format("%-36s %s", topic, state);
        return drift.isEmpty() ? line : line + "\n" + String.join("\n", drift.stream().map(d -> "    " + d).toList());
    }
}
