package io.hirestream.provisioning;

import java.util.List;

/**
 * How one topic's value schema stands in the registry.
 *
 * @param subject  the registry subject ({@code <topic>-value})
 * @param state    what was found or done
 * @param id       the schema id, or -1
 * @param version  the subject version, or -1
 * @param messages the registry's reasons where it refused
 */
public record SubjectCheck(String subject, State state, int id, int version, List<String> messages) {

    public enum State {
        /** The repo's schema was registered now. */
        REGISTERED,
        /** The repo's schema is the one registered (same id). */
        UP_TO_DATE,
        /** The subject has no version of the repo's schema yet (a check only reports it). */
        NOT_REGISTERED,
        /** The registry refuses the repo's schema as incompatible with the registered versions. */
        INCOMPATIBLE
    }

    public SubjectCheck {
        messages = List.copyOf(messages);
    }

    public boolean failed() {
        return state == State.INCOMPATIBLE;
    }

    @Override
    public String toString() {
        String line = String.format("%-44s %-15s%s", subject, state, id >= 0 ? " id " + id : "");
        return messages.isEmpty() ? line : line + "\n" + String.join("\n", messages.stream().map(m -> "    " + m).toList());
    }
}
