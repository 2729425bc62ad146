package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.Slice;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task of the funnel's first step starting on the state a crash left: an application's move
 * to another row committed, the parts it changed were not sent. Whatever the restart, each row's
 * part from this partition must come out as the applications now stand, so that the metrics
 * topic agrees with the API row by row.
 */
class ApplicationFunnelProcessorTest {

    private static final RowKey REMOTE = new RowKey("Machine Learning Engineer", "Remote, US");
    private static final RowKey BERLIN = new RowKey("Machine Learning Engineer", "Berlin, DE");

    private final MockProcessorContext<String, PartialRow> context = new MockProcessorContext<>();
    private final KeyValueStore<String, ApplicationState> applications = open(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(FunnelTopology.APPLICATIONS_STORE), StateSerdes.applicationId(),
            StateSerdes.applicationState()).withLoggingDisabled().build());
    private final KeyValueStore<String, byte[]> sent = open(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(FunnelTopology.SENT_ROWS_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build());

    @Test
    void aRestartAfterTheLastApplicationOfARowMovedAwaySendsThatRowsPartEmpty() {
        // Before the crash: a1 was sent as part of the Remote row and its slices, then moved to Berlin (a corrected location).
        for (RowKey row : rowsOf(REMOTE)) {
            sent.put(row.toKey(), new byte[0]);
        }
        applications.put("a1", ApplicationState.EMPTY.with(new StageEvent("e1", "a1", Stage.APPLIED, BERLIN.role(),
                BERLIN.location(), 1_000, Decision.NONE, "REFERRAL")));

        Map<String, Long> sentParts = emitAfterStart();

        Map<String, Long> expected = new HashMap<>();
        rowsOf(REMOTE).forEach(row -> expected.put(row.toKey(), 0L));
        rowsOf(BERLIN).forEach(row -> expected.put(row.toKey(), 1L));
        assertThat(sentParts).containsExactlyInAnyOrderEntriesOf(expected);
        for (RowKey row : rowsOf(REMOTE)) {
            assertThat(sent.get(row.toKey())).as("an emptied part is sent once, then forgotten: %s", row).isNull();
        }
        for (RowKey row : rowsOf(BERLIN)) {
            assertThat(sent.get(row.toKey())).as("sent: %s", row).isNotNull();
        }
    }

    @Test
    void aRestartSendsEveryRowItsApplicationsStandInEvenWhenNoneWasSentBefore() {
        applications.put("a1", ApplicationState.EMPTY.with(new StageEvent("e1", "a1", Stage.APPLIED, REMOTE.role(),
                REMOTE.location(), 1_000, Decision.NONE, "REFERRAL")));

        Map<String, Long> expected = new HashMap<>();
        rowsOf(REMOTE).forEach(row -> expected.put(row.toKey(), 1L));
        assertThat(emitAfterStart()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** The row and its slices an application applied at 1,000 ms through a referral, with nothing declared, counts in. */
    private static List<RowKey> rowsOf(RowKey row) {
        return List.of(row, row.in(Slice.week(1_000)), row.in(Slice.source("REFERRAL")),
                row.in(new Slice(Slice.Dimension.DECLARATION, "DECLINED|DECLINED|DECLINED|DECLINED")));
    }

    /** Starts the processor on the stores as they are and runs its first emit: each row's part, as applications reached APPLIED. */
    private Map<String, Long> emitAfterStart() {
        ApplicationFunnelProcessor processor = new ApplicationFunnelProcessor(Duration.ofSeconds(1), new FunnelView(), CatchUp.NEVER);
        processor.init(context);
        context.setCurrentSystemTimeMs(2_000);
        context.scheduledPunctuators().getFirst().getPunctuator().punctuate(2_000);
        return context.forwarded().stream().collect(Collectors.toMap(forwarded -> forwarded.record().key(),
                forwarded -> forwarded.record().value().counts().reached(Stage.APPLIED)));
    }

    private <S extends StateStore> S open(S store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
