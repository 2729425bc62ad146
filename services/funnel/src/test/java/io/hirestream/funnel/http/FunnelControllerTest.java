package io.hirestream.funnel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hirestream.funnel.FunnelSettings;
import io.hirestream.funnel.domain.ApplicationState;
import io.hirestream.funnel.domain.Decision;
import io.hirestream.funnel.domain.FunnelView;
import io.hirestream.funnel.domain.RowKey;
import io.hirestream.funnel.domain.RowOrder;
import io.hirestream.funnel.domain.Stage;
import io.hirestream.funnel.domain.StageEvent;
import io.hirestream.service.http.ProblemException;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a page of the funnel is read: once the view is complete, on the thread that read the
 * request (Netty's event loop), answered at once; while it is not (an instance starting), on the IO
 * pool, never on the event loop, and a problem (503 while still incomplete) reaches the client as
 * the problem itself.
 */
class FunnelControllerTest {

    private static final RowKey REMOTE = new RowKey("Machine Learning Engineer", "Remote (US only)");
    private static final FunnelSettings SETTINGS = new FunnelSettings(Duration.ofSeconds(1), Duration.ofMillis(200), 10,
            Duration.ofMillis(100), 20_000, List.of(), 5, false, 0);

    private final ExecutorService io = Executors.newSingleThreadExecutor(task -> new Thread(task, "io-pool"));
    private final Starting queries = new Starting();
    private final FunnelController controller = new FunnelController(queries, null, new PageAnswers(JsonMapper.createDefault()), io);

    @AfterEach
    void stopPool() throws InterruptedException {
        io.shutdownNow();
        io.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aPageOfACompleteViewIsAnsweredOnTheThreadThatAskedForIt() throws Exception {
        queries.complete = true;

        CompletableFuture<byte[]> answer = controller.funnel(REMOTE.role(), REMOTE.location(), 100, null);

        assertThat(answer).as("answered before the call returns").isDone();
        assertThat(queries.readOn).containsOnly(Thread.currentThread().getName());
        JsonNode rows = new ObjectMapper().readTree(answer.get()).get("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("reached").get("APPLIED").asLong()).isEqualTo(1);
    }

    @Test
    void aPageAskedBeforeTheViewIsCompleteIsReadOnTheIoPoolAndItsProblemReachesTheClientAsItIs() {
        queries.complete = false;

        for (CompletableFuture<byte[]> answer : List.of(controller.funnel(null, null, 100, null), controller.byRole(100, null),
                controller.byLocation(100, null))) {
            // handle() sees the exception the future was completed with, unwrapped or not.
            Throwable failure = answer.handle((bytes, thrown) -> thrown).orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(failure).isInstanceOf(ProblemException.class);
            assertThat(((ProblemException) failure).problem().status()).isEqualTo(503);
        }
        assertThat(queries.readOn).as("never read on the thread that asked").containsOnly("io-pool");
    }

    /** Queries over a view of one application, complete or not as the test says; where each read ran. */
    private static final class Starting extends FunnelQueries {

        private final FunnelView view = new FunnelView();
        private final Set<String> readOn = ConcurrentHashMap.newKeySet();
        private volatile boolean complete;

        Starting() {
            super(null, null, null, null, SETTINGS);
            view.attach(0, Map.of());
            view.change(0, ApplicationState.EMPTY, ApplicationState.EMPTY.with(new StageEvent("e-1", "a-1", Stage.APPLIED,
                    REMOTE.role(), REMOTE.location(), 1_000, Decision.NONE)), false);
        }

        @Override
        public boolean complete() {
            return complete;
        }

        @Override
        public <T> FunnelView.Page<T> rows(String role, String location, RowOrder after, int limit,
                                           FunnelView.RowRenderer<T> renderer) {
            return read(() -> view.rows(role, location, after, limit, renderer));
        }

        @Override
        public <T> FunnelView.Page<T> byRole(RowOrder after, int limit, FunnelView.RowRenderer<T> renderer) {
            return read(() -> view.byRole(after, limit, renderer));
        }

        @Override
        public <T> FunnelView.Page<T> byLocation(RowOrder after, int limit, FunnelView.RowRenderer<T> renderer) {
            return read(() -> view.byLocation(after, limit, renderer));
        }

        private <T> T read(Supplier<T> page) {
            readOn.add(Thread.currentThread().getName());
            if (!complete) {
                // What FunnelQueries answers once its query timeout has passed with the view still incomplete.
                throw ProblemException.unavailable("The funnel is starting.");
            }
            return page.get();
        }
    }
}
