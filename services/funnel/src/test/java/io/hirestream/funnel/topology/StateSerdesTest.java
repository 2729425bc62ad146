package io.hirestream.funnel.topology;

import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.Declaration;
import io.hirestream.funnel.domain.FunnelCounts;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StateSerdesTest {

    private static final ApplicationState STATE = ApplicationState.EMPTY
            .with(new StageEvent("2b1f0c3e-9a7d-4c55-8e21-6f0a1b2c3d4e", "a1", Stage.APPLIED, "MLE", "Remote, US", 1_000, Decision.NONE,
                    "REFERRAL"))
            .with(new StageEvent("imported-17", "a1", Stage.INTERVIEWED, "MLE", "Remote, US", 90_000, Decision.REJECTED))
            .with(new StageEvent("7c9e6679-7425-40de-944b-e07fc1f90ae7", "a1", Stage.OFFERED, "Other", "Berlin", 120_000, Decision.NONE));

    @Test
    void anApplicationsStateRoundTripsWithUuidAndNonUuidEventIds() {
        var serde = StateSerdes.applicationState();

        byte[] bytes = serde.serializer().serialize("t", STATE);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(STATE);
        assertThat(serde.deserializer().deserialize("t", bytes).at(Stage.APPLIED).source()).isEqualTo("REFERRAL");
        assertThat(bytes.length).isLessThan(120);
    }

    @Test
    void anApplicationsDeclarationRoundTripsAndAnErasureLeavesNoTrace() {
        var serde = StateSerdes.applicationState();
        ApplicationState declared = STATE.with(new Declaration("FEMALE", "ASIAN", "DECLINED", "NO"));

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", declared))).isEqualTo(declared);
        byte[] erased = serde.serializer().serialize("t", declared.with(Declaration.NONE));
        assertThat(serde.deserializer().deserialize("t", erased).declared()).isNull();
        assertThat(new String(erased, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("FEMALE").doesNotContain("ASIAN");
    }

    @Test
    void anInstanceHandsAnotherAnApplicationWithoutItsDeclaration() {
        ApplicationState declared = STATE.with(new Declaration("FEMALE", "ASIAN", "DECLINED", "NO"));
        var serde = FunnelTopology.applicationSerde();

        byte[] sent = serde.serializer().serialize("t", declared);

        assertThat(serde.deserializer().deserialize("t", sent)).isEqualTo(STATE);
        assertThat(new String(sent, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("FEMALE");
    }

    @Test
    void stateWrittenBeforeSourcesWereKeptReadsAsAnApplicationWithoutASource() {
        // Version 1: one UUID applied event (mask 1), its time, decision NONE, role and location written out.
        Binary.Writer v1 = new Binary.Writer().writeByte(1).writeByte(1)
                .writeEventId("2b1f0c3e-9a7d-4c55-8e21-6f0a1b2c3d4e").writeVarLong(1_000).writeByte(Decision.NONE.ordinal())
                .writeByte(0).writeString("MLE").writeString("Remote, US");

        ApplicationState read = StateSerdes.applicationState().deserializer().deserialize("t", v1.toBytes());

        assertThat(read).isEqualTo(ApplicationState.EMPTY.with(new StageEvent("2b1f0c3e-9a7d-4c55-8e21-6f0a1b2c3d4e", "a1",
                Stage.APPLIED, "MLE", "Remote, US", 1_000, Decision.NONE)));
    }

    @Test
    void countsWithTheirSketchesRoundTripThroughThePartsTopic() {
        FunnelCounts counts = new FunnelCounts();
        counts.add(STATE, 1);
        counts.add(ApplicationState.EMPTY.with(new StageEvent("e", "a2", Stage.SCREENED, "MLE", "Remote, US", 5, Decision.PASSED)), 1);
        var serde = StateSerdes.partialRow();

        PartialRow read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", new PartialRow(4, counts)));

        assertThat(read.partition()).isEqualTo(4);
        assertThat(read.counts()).isEqualTo(counts);
        assertThat(read.counts().reached(Stage.APPLIED)).isEqualTo(2);
    }

    @Test
    void aStageEventMovedToItsApplicationsPartitionArrivesAsItWasRead() {
        var serde = StateSerdes.applicationEvent();
        for (StageEvent event : List.of(
                new StageEvent("2b1f0c3e-9a7d-4c55-8e21-6f0a1b2c3d4e", "7c9e6679-7425-40de-944b-e07fc1f90ae7", Stage.SCREENED,
                        "Machine Learning Engineer", "Remote (US only)", 1_764_000_000_123L, Decision.REJECTED),
                new StageEvent("imported-17", "legacy/42", Stage.OFFERED, "Müller & Söhne", "Zürich, CH", 0, Decision.NONE),
                new StageEvent("e-3", "a-3", Stage.APPLIED, "MLE", "Remote, US", 5, Decision.NONE, "AGENCY"))) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", event))).isEqualTo(event);
        }
        for (Declaration event : List.of(new Declaration("FEMALE", "ASIAN", "DECLINED", "NO"), Declaration.NONE)) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", event))).isEqualTo(event);
        }
    }

    @Test
    void threadsWritingStateAtTheSameTimeEachWriteTheirOwnValue() throws Exception {
        // The stream threads, the follower and the queries all serialize: each must get its own bytes.
        var serde = StateSerdes.applicationState();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> misreads = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ApplicationState own = ApplicationState.EMPTY.with(new StageEvent("e" + t, "a" + t, Stage.APPLIED,
                        "Role " + t, "Location " + t, 1_000L * t, Decision.NONE, "REFERRAL"));
                misreads.add(pool.submit(() -> {
                    start.await();
                    long misread = 0;
                    for (int i = 0; i < 20_000; i++) {
                        try {
                            if (!serde.deserializer().deserialize("t", serde.serializer().serialize("t", own)).equals(own)) {
                                misread++;
                            }
                        } catch (RuntimeException unreadable) {
                            misread++;
                        }
                    }
                    return misread;
                }));
            }
            start.countDown();
            for (Future<Long> misread : misreads) {
                assertThat(misread.get(60, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
