package io.hirestream.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-back contract the funnel's exactly-once commits rely on: nothing reaches the inner
 * (logged) store before a commit, and the first store a commit flushes writes back every store
 * its stream thread has written to, and only those.
 */
class WriteBackStoreTest {

    private final List<WriteBackStore<String, String>> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(WriteBackStore::close);
    }

    @Test
    void nothingReachesTheInnerStoreBeforeACommitAndTheLatestValueDoesAtIt() {
        KeyValueStore<String, String> inner = inner("applications");
        WriteBackStore<String, String> store = open(inner);

        store.put("a", "applied");
        store.put("a", "screened");
        store.put("b", "applied");
        store.delete("b");

        assertThat(store.get("a")).isEqualTo("screened");
        assertThat(store.get("b")).isNull();
        assertThat(inner.get("a")).isNull();

        store.flushCache();

        assertThat(inner.get("a")).isEqualTo("screened");
        assertThat(inner.get("b")).isNull();
    }

    @Test
    void theFirstStoreACommitFlushesWritesBackEveryStoreThisThreadWroteTo() {
        KeyValueStore<String, String> firstInner = inner("first");
        KeyValueStore<String, String> secondInner = inner("second");
        WriteBackStore<String, String> first = open(firstInner);
        WriteBackStore<String, String> second = open(secondInner);

        first.put("a", "1");
        second.put("b", "2");
        first.flushCache();

        assertThat(firstInner.get("a")).isEqualTo("1");
        assertThat(secondInner.get("b")).isEqualTo("2");
    }

    @Test
    void aFlushLeavesTheStoresOfOtherThreadsAlone() throws Exception {
        KeyValueStore<String, String> mineInner = inner("mine");
        KeyValueStore<String, String> theirsInner = inner("theirs");
        WriteBackStore<String, String> mine = open(mineInner);
        WriteBackStore<String, String> theirs = open(theirsInner);

        CompletableFuture.runAsync(() -> theirs.put("b", "2")).get();
        mine.put("a", "1");
        mine.flushCache();

        assertThat(mineInner.get("a")).isEqualTo("1");
        assertThat(theirsInner.get("b")).isNull();
        assertThat(theirs.get("b")).isEqualTo("2");
    }

    @Test
    void workThrownAwayByADirtyCloseIsNeverWrittenBack() {
        KeyValueStore<String, String> keptInner = inner("kept");
        KeyValueStore<String, String> droppedInner = inner("dropped");
        WriteBackStore<String, String> kept = open(keptInner);
        WriteBackStore<String, String> dropped = open(droppedInner);

        dropped.put("b", "2");
        dropped.clearCache();
        kept.put("a", "1");
        kept.flushCache();

        assertThat(keptInner.get("a")).isEqualTo("1");
        assertThat(droppedInner.get("b")).isNull();
        assertThat(dropped.get("b")).isNull();
    }

    private WriteBackStore<String, String> open(KeyValueStore<String, String> inner) {
        WriteBackStore<String, String> store = new WriteBackStore<>(inner);
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        opened.add(store);
        return store;
    }

    private static KeyValueStore<String, String> inner(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String())
                .withLoggingDisabled()
                .withCachingDisabled()
                .build();
    }
}
