package io.hirestream.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A fixed number of HTTP requests sent by a fixed number of clients over one kept-alive HTTP/1.1
 * connection per client; measures requests per second and the latency of each. Either each client
 * sends its next request when the last is answered (a closed loop, as {@code ab -c} does: the
 * most the endpoint takes), or requests are due at a fixed rate (an open loop, as {@code wrk2}
 * does: how long a request takes when that many arrive a second), each timed from when it was due,
 * so that a request kept waiting for a free client counts its wait.
 *
 * <p>Written on plain sockets, not {@code java.net.http}: the load runs on the same two cores as
 * what it measures, and the JDK's client spends several times the CPU per request that a
 * keep-alive socket loop does (as {@code ab} would), which would be taken from the services.
 */
final class HttpLoad {

    /** What a run measured. {@code failed} counts answers other than the expected status and errors. */
    record Result(int requests, int failed, double perSecond, double p50Millis, double p99Millis, String firstFailure) {
    }

    /** One request: a POST of a JSON body (with its Idempotency-Key, or null), or a GET where the body is null. */
    record Request(URI uri, String json, String idempotencyKey, String bearerToken) {

        /** A POST without signing in (the application form). */
        Request(URI uri, String json, String idempotencyKey) {
            this(uri, json, idempotencyKey, null);
        }

        /** A GET, signed in. */
        static Request get(URI uri, String bearerToken) {
            return new Request(uri, null, null, bearerToken);
        }

        byte[] bytes() {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String head = (json == null ? "GET " : "POST ") + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\n" + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + (idempotencyKey == null ? "" : "Idempotency-Key: " + idempotencyKey + "\r\n")
                    + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n") + "\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }
    }

    /** An answer: its status and body. */
    record Answer(int status, String body) {
    }

    private HttpLoad() {
    }

    /** A closed loop: each client sends its next request as soon as the last is answered. */
    static Result run(int clients, int requests, int expectedStatus, IntFunction<Request> request) throws InterruptedException {
        return run(clients, requests, 0, expectedStatus, request);
    }

    /**
     * Request {@code i} is due {@code i / perSecond} seconds after the start (a closed loop where
     * {@code perSecond} is 0); the first free client sends it once due, and its latency runs from then.
     */
    static Result run(int clients, int requests, double perSecond, int expectedStatus, IntFunction<Request> request)
            throws InterruptedException {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                Connection connection = null;
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    Request post = request.apply(i);
                    long sent = perSecond > 0 ? started + (long) (i * 1e9 / perSecond) : System.nanoTime();
                    for (long early; (early = sent - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(early);
                    }
                    try {
                        if (connection == null) {
                            connection = new Connection(post.uri());
                        }
                        Answer answer = connection.exchange(post.bytes());
                        if (answer.status() != expectedStatus) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, answer.status() + " " + answer.body());
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                        connection = Connection.closeQuietly(connection);
                    }
                    latencies[i] = System.nanoTime() - sent;
                }
                Connection.closeQuietly(connection);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Result(requests, failed.get(), requests / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                firstFailure.get());
    }

    /** Sends one request on a connection of its own and returns the answer. */
    static Answer once(Request post) throws IOException {
        Connection connection = new Connection(post.uri());
        try {
            return connection.exchange(post.bytes());
        } finally {
            Connection.closeQuietly(connection);
        }
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** A kept-alive HTTP/1.1 connection that reads answers framed by Content-Length. */
    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = 0;
            String header;
            while (!(header = line()).isEmpty()) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(header.substring(colon + 1).trim());
                }
            }
            return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        static Connection closeQuietly(Connection connection) {
            if (connection != null) {
                try {
                    connection.socket.close();
                } catch (IOException ignored) {
                    // closing a broken connection
                }
            }
            return null;
        }
    }
}
