package io.hirestream.funnel.domain;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * What the funnel knows of one application: for each stage, the event that stands for it, and
 * what the candidate declared for equal-opportunity monitoring (their latest declaration; none
 * once erased). Of several events for a stage, the one with the earliest occurredAt stands (ties:
 * the smallest eventId); so the state, and everything counted from it, is the same whatever order
 * the events arrive in and however often each is delivered. Immutable: {@link #with} returns this
 * same instance when an event changes nothing (a duplicate, or a later event for a stage).
 */
public final class ApplicationState {

    public static final ApplicationState EMPTY = new ApplicationState(new StageRecord[Stage.values().length], null);

    private final StageRecord[] stages;
    private final Declaration declared;

    private ApplicationState(StageRecord[] stages, Declaration declared) {
        this.stages = stages;
        this.declared = declared;
    }

    /** Rebuilds a state from its records, one per stage ordinal (null where the stage has no event). */
    public static ApplicationState of(StageRecord[] stages) {
        return of(stages, null);
    }

    /** As {@link #of(StageRecord[])}, with the candidate's declaration (null: none). */
    public static ApplicationState of(StageRecord[] stages, Declaration declared) {
        if (stages.length != Stage.IN_ORDER.size()) {
            throw new IllegalArgumentException("one record per stage, got " + stages.length);
        }
        return new ApplicationState(stages.clone(), declared);
    }

    /** What the candidate declared, null where nothing was (or it was erased). */
    public Declaration declared() {
        return declared;
    }

    /** The state with what the application learned: a stage's event, or the candidate's declaration. */
    public ApplicationState with(ApplicationEvent event) {
        return switch (event) {
            case StageEvent stage -> with(stage);
            case Declaration declaration -> with(declaration);
        };
    }

    /**
     * The state with the candidate's declaration in place of any before (the latest one counts);
     * {@link Declaration#NONE}, an erasure's, takes it away. This very instance if it changes nothing.
     */
    public ApplicationState with(Declaration declaration) {
        Declaration next = declaration.equals(Declaration.NONE) ? null : declaration;
        return Objects.equals(next, declared) ? this : new ApplicationState(stages, next);
    }

    /** The event that stands for a stage, or null. */
    public StageRecord at(Stage stage) {
        return stages[stage.ordinal()];
    }

    public boolean isEmpty() {
        return furthest() == null;
    }

    /** The state with this event taken into account; this very instance if it changes nothing. */
    public ApplicationState with(StageEvent event) {
        StageRecord standing = stages[event.stage().ordinal()];
        if (standing != null && !standing.isDisplacedBy(event.occurredAt(), event.eventId())) {
            return this;
        }
        StageRecord[] next = stages.clone();
        next[event.stage().ordinal()] = new StageRecord(event.eventId(), event.occurredAt(), event.decision(),
                event.role(), event.location(), event.stage() == Stage.APPLIED ? event.source() : null);
        return new ApplicationState(next, declared);
    }

    /** The highest stage that has an event, or null for an empty state. */
    public Stage furthest() {
        for (int i = stages.length - 1; i >= 0; i--) {
            if (stages[i] != null) {
                return Stage.of(i);
            }
        }
        return null;
    }

    /**
     * The row the application counts in: the role and location of its lowest stage's standing
     * event (the applied event when there is one). Events of an application carry the same role
     * and location; where imports disagree, this keeps the answer a function of the events.
     */
    public RowKey row() {
        for (StageRecord record : stages) {
            if (record != null) {
                return new RowKey(record.role(), record.location());
            }
        }
        throw new IllegalStateException("an empty application counts in no row");
    }

    /**
     * Every row the application counts in: its funnel row, and that row's slice in each of the
     * dimensions asked for, in their order.
     */
    public RowKey[] rows(Set<Slice.Dimension> dimensions) {
        RowKey row = row();
        RowKey[] rows = new RowKey[1 + dimensions.size()];
        rows[0] = row;
        int i = 1;
        for (Slice.Dimension dimension : dimensions) {
            rows[i++] = row.in(slice(dimension));
        }
        return rows;
    }

    /**
     * The application's group in a dimension: its cohort, the ISO week of its standing applied
     * event (of its earliest standing event when it has none); its source, the standing applied
     * event's ({@link Slice#UNKNOWN_SOURCE} without one).
     */
    public Slice slice(Slice.Dimension dimension) {
        StageRecord applied = stages[Stage.APPLIED.ordinal()];
        return switch (dimension) {
            case WEEK -> {
                long first = Long.MAX_VALUE;
                if (applied != null) {
                    first = applied.occurredAt();
                } else {
                    for (StageRecord record : stages) {
                        if (record != null) {
                            first = Math.min(first, record.occurredAt());
                        }
                    }
                }
                yield Slice.week(first);
            }
            case SOURCE -> Slice.source(applied == null ? null : applied.source());
            case DECLARATION -> Slice.declared(declared == null ? Declaration.NONE : declared);
        };
    }

    /**
     * Milliseconds from the applied event to the stage's event, or -1 where either is missing. A
     * stage recorded before the application (clock skew, bad imports) counts as 0.
     */
    public long millisToStage(Stage stage) {
        StageRecord applied = stages[Stage.APPLIED.ordinal()];
        StageRecord reached = stages[stage.ordinal()];
        if (applied == null || reached == null) {
            return -1;
        }
        return Math.max(0, reached.occurredAt() - applied.occurredAt());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApplicationState state && Arrays.equals(stages, state.stages)
                && Objects.equals(declared, state.declared);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stages) * 31 + Objects.hashCode(declared);
    }

    @Override
    public String toString() {
        // Never the declaration: states end up in logs, and it is not to be shown per application.
        return "ApplicationState" + Arrays.toString(stages);
    }

    /**
     * The event that stands for a stage.
     *
     * @param eventId    its id
     * @param occurredAt its business time, epoch milliseconds
     * @param decision   its outcome at a deciding stage
     * @param role       the role it carried
     * @param location   the location it carried
     * @param source     where the application came from, on an applied event (null: not named)
     */
    public record StageRecord(String eventId, long occurredAt, Decision decision, String role, String location,
                              String source) {

        public StageRecord {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(decision, "decision");
        }

        /** An event that names no source. */
        public StageRecord(String eventId, long occurredAt, Decision decision, String role, String location) {
            this(eventId, occurredAt, decision, role, location, null);
        }

        /** True where an event with this time and id stands for the stage instead of this one. */
        boolean isDisplacedBy(long otherOccurredAt, String otherEventId) {
            return otherOccurredAt < occurredAt || (otherOccurredAt == occurredAt && otherEventId.compareTo(eventId) < 0);
        }
    }
}
