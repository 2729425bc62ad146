package io.hirestream.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The load the benchmarks send: every request sent and answered once, over one kept-alive connection per client; answers
 * of any size read whole; an unexpected status or a broken connection counted as failed, naming the first, and the run
 * goes on; requests due at a fixed rate never sent before they are due; one request alone answered whatever its status.
 */
class HttpLoadTest {

    private final AtomicInteger received = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    private URI serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            int n = received.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            if (path.equals("/broken") && n % 10 == 0) {
                // Half an answer, then the connection closes.
                exchange.sendResponseHeaders(status, body.length() + 100);
                exchange.getResponseBody().write(body.getBytes(StandardCharsets.UTF_8));
                exchange.close();
                return;
            }
            answer(exchange, status, body);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    @Test
    void aClosedLoopSendsEveryRequestOnceOverOneConnectionPerClient() throws Exception {
        URI uri = serve(202, "{\"applicationId\":\"a\"}");
        HttpLoad.Result result = HttpLoad.run(8, 2_000, 202,
                i -> new HttpLoad.Request(uri.resolve("/api/applications"), "{\"n\":" + i + "}", "key-" + i));

        assertThat(result.requests()).isEqualTo(2_000);
        assertThat(result.failed()).isZero();
        assertThat(received).hasValue(2_000);
        assertThat(clientPorts).as("kept-alive connections").hasSizeLessThanOrEqualTo(8);
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
    }

    @Test
    void answersOfAnySizeAreReadWhole() throws Exception {
        String page = "x".repeat(300_000);
        URI uri = serve(200, page);
        HttpLoad.Result result = HttpLoad.run(4, 200, 200, i -> HttpLoad.Request.get(uri.resolve("/api/funnel"), "token"));

        assertThat(result.failed()).isZero();
        assertThat(received).as("a request sent only once the last answer was read whole").hasValue(200);
    }

    @Test
    void anUnexpectedStatusIsCountedAsFailedWithItsAnswer() throws Exception {
        URI uri = serve(400, "{\"detail\":\"email: not an address\"}");
        HttpLoad.Result result = HttpLoad.run(4, 100, 202, i -> new HttpLoad.Request(uri.resolve("/api/applications"), "{}", "k" + i));

        assertThat(result.failed()).isEqualTo(100);
        assertThat(result.firstFailure()).isEqualTo("400 {\"detail\":\"email: not an address\"}");
    }

    @Test
    void aConnectionBrokenMidAnswerFailsItsRequestAndTheRunGoesOn() throws Exception {
        URI uri = serve(200, "{}");
        HttpLoad.Result result = HttpLoad.run(4, 500, 200, i -> HttpLoad.Request.get(uri.resolve("/broken"), null));

        assertThat(result.requests()).isEqualTo(500);
        assertThat(result.failed()).as("every tenth answer broken").isEqualTo(50);
        assertThat(result.firstFailure()).contains("closed mid-answer");
        assertThat(received).hasValue(500);
    }

    @Test
    void requestsDueAtAFixedRateAreNeverSentBeforeTheyAreDue() throws Exception {
        URI uri = serve(202, "{}");
        HttpLoad.Result unpaced = HttpLoad.run(16, 100, 202, i -> new HttpLoad.Request(uri.resolve("/api/applications"), "{}", "k" + i));
        double rate = unpaced.perSecond() / 4;
        HttpLoad.Result result = HttpLoad.run(16, 100, rate, 202, i -> new HttpLoad.Request(uri.resolve("/api/applications"), "{}", "k" + i));

        assertThat(result.failed()).isZero();
        assertThat(result.perSecond()).as("100 requests due over 99 intervals at %.0f/s", rate).isLessThanOrEqualTo(rate * 100 / 99);
    }

    @Test
    void oneRequestAloneGivesItsAnswerWhateverItsStatusAndFailsWhereNothingListens() throws Exception {
        URI uri = serve(404, "{\"title\":\"Not Found\"}");
        HttpLoad.Answer answer = HttpLoad.once(HttpLoad.Request.get(uri.resolve("/api/funnel/rows/x"), "token"));
        assertThat(answer).isEqualTo(new HttpLoad.Answer(404, "{\"title\":\"Not Found\"}"));

        int closedPort;
        try (java.net.ServerSocket nothing = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = nothing.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/api/funnel");
        assertThatThrownBy(() -> HttpLoad.once(HttpLoad.Request.get(nobody, "token"))).isInstanceOf(IOException.class);
    }
}
