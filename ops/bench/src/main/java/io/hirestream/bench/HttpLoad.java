package io.hirestream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A fixed number of HTTP requests sent by a fixed number of clients over one kept-alive HTTP/1.1
 * connection per client; measures requests per second and the latency of each. Either each client
 * sends its next request when the last is answered (a closed loop, as {@code ab -c} does: the
 * most the endpoint takes), or requests are due at a fixed rate (an open loop, as {@code wrk2}
 * does: how long a request takes when that many arrive a second), each timed from when it was due,
 * so that a request kept waiting for a free client counts its wait.
 *
 * <p>Written on plain non-blocking sockets and one thread, not {@code java.net.http} nor a thread per
 * client: the load runs on the same two cores as what it measures. The JDK's client spends several
 * times the CPU per request that a socket loop does; and 64 client threads, each woken by its own
 * answer, queued behind one another for the cores, so that the load's own wait for a core was timed
 * as the endpoint's latency (a bare endpoint's p99 22 to 76 ms at 64 such clients, 8 to 16 ms at 16). One
 * thread with a selector, as {@code ab} and {@code wrk} have, reads each answer when it comes.
 */
final class HttpLoad {

    private static final Duration NO_ANSWER = Duration.ofSeconds(30);
    /** The status {@link #once} expects: any; the answer is kept, and no status counts as failed. */
    private static final int ANY_STATUS = -1;

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
     * Each client's connection goes to the endpoint of the first request it sends.
     */
    static Result run(int clients, int requests, double perSecond, int expectedStatus, IntFunction<Request> request)
            throws InterruptedException {
        try (Run run = new Run(clients, requests, perSecond, expectedStatus, request)) {
            return run.measure();
        } catch (IOException e) {
            throw new UncheckedIOException("the load's selector failed", e);
        }
    }

    /** One run: the clients' connections, the requests sent and due, and every latency measured. */
    private static final class Run implements AutoCloseable {

        private final int requests;
        private final double perSecond;
        private final int expectedStatus;
        private final IntFunction<Request> request;
        private final long[] latencies;
        private final Selector selector = Selector.open();
        private final ArrayDeque<Client> free = new ArrayDeque<>();
        private final List<Client> all = new ArrayList<>();
        private long started;
        private int next;
        private int finished;
        private int failed;
        private String firstFailure;
        /** The last answer, kept where any status is expected. */
        private Answer answer;

        Run(int clients, int requests, double perSecond, int expectedStatus, IntFunction<Request> request) throws IOException {
            this.requests = requests;
            this.perSecond = perSecond;
            this.expectedStatus = expectedStatus;
            this.request = request;
            this.latencies = new long[requests];
            for (int c = 0; c < clients; c++) {
                Client client = new Client();
                free.add(client);
                all.add(client);
            }
        }

        Result measure() throws IOException, InterruptedException {
            started = System.nanoTime();
            while (finished < requests) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long now = System.nanoTime();
                sendDue(now);
                if (finished == requests) {
                    break; // the last requests failed as they were sent: nothing to wait for
                }
                selector.select(waitMillis(now));
                now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Client client = (Client) key.attachment();
                    try {
                        if (key.isValid() && key.isWritable()) {
                            client.write();
                        }
                        if (key.isValid() && key.isReadable() && client.read()) {
                            answered(client, now);
                        }
                    } catch (IOException | RuntimeException e) {
                        failed(client, now, e.toString());
                    }
                }
                selector.selectedKeys().clear();
                for (Client client : all) {
                    if (client.index >= 0 && now - client.lastHeard > NO_ANSWER.toNanos()) {
                        failed(client, now, "no answer in " + NO_ANSWER.toSeconds() + " s");
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            return new Result(requests, failed, requests / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                    firstFailure);
        }

        /** Hands every request that is due to a free client. */
        private void sendDue(long now) {
            while (next < requests && !free.isEmpty() && due(next) <= now) {
                Client client = free.poll();
                int index = next++;
                long due = due(index);
                try {
                    client.send(request.apply(index), index, due, now);
                } catch (IOException | RuntimeException e) {
                    client.index = index;
                    failed(client, now, e.toString());
                }
            }
        }

        private long due(int index) {
            return perSecond > 0 ? started + (long) (index * 1e9 / perSecond) : Long.MIN_VALUE;
        }

        /** Until the next request is due (at least a millisecond, the selector's unit), or an answer comes. */
        private long waitMillis(long now) {
            long wait = NO_ANSWER.toMillis();
            if (next < requests && !free.isEmpty() && perSecond > 0) {
                wait = Math.max(1, (due(next) - now + 999_999) / 1_000_000);
            }
            return wait;
        }

        private void answered(Client client, long now) {
            latencies[client.index] = now - client.due;
            if (expectedStatus == ANY_STATUS) {
                answer = new Answer(client.status, client.body());
            } else if (client.status != expectedStatus) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = client.status + " " + client.body();
                }
            }
            finished++;
            client.index = -1;
            free.add(client);
        }

        private void failed(Client client, long now, String failure) {
            if (client.index >= 0) {
                latencies[client.index] = now - client.due;
                finished++;
                failed++;
                if (firstFailure == null) {
                    firstFailure = failure;
                }
            }
            client.close();
            client.index = -1;
            if (!free.contains(client)) {
                free.add(client);
            }
        }

        @Override
        public void close() throws IOException {
            for (Client client : all) {
                client.close();
            }
            selector.close();
        }

        /** One client: a kept-alive connection, opened at its first request, and the one request it has in flight. */
        private final class Client {

            private SocketChannel channel;
            private SelectionKey key;
            private ByteBuffer out;
            private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            private int index = -1;
            private long due;
            private long lastHeard;
            private int headerEnd;
            private int status;
            private int length;

            void send(Request request, int index, long due, long now) throws IOException {
                this.index = index;
                this.due = due == Long.MIN_VALUE ? now : due;
                this.lastHeard = now;
                if (channel == null) {
                    channel = SocketChannel.open(new InetSocketAddress(request.uri().getHost(), request.uri().getPort()));
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.configureBlocking(false);
                    key = channel.register(selector, SelectionKey.OP_READ, this);
                }
                in.clear();
                headerEnd = -1;
                out = ByteBuffer.wrap(request.bytes());
                write();
            }

            void write() throws IOException {
                channel.write(out);
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }

            /** Reads what has come: true once the whole answer (framed by Content-Length) is in. */
            boolean read() throws IOException {
                if (!in.hasRemaining()) {
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
                if (channel.read(in) < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                lastHeard = System.nanoTime();
                if (index < 0) {
                    throw new IOException("an answer to no request");
                }
                if (headerEnd < 0 && !parseHead()) {
                    return false;
                }
                int whole = headerEnd + length;
                if (in.capacity() < whole) {
                    in = ByteBuffer.allocate(whole).put(in.flip());
                }
                return in.position() >= whole;
            }

            /** Finds the end of the head and reads its status and Content-Length: false while it has not all come. */
            private boolean parseHead() {
                byte[] bytes = in.array();
                for (int i = 3; i < in.position(); i++) {
                    if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                        headerEnd = i + 1;
                        String head = new String(bytes, 0, headerEnd, StandardCharsets.US_ASCII);
                        status = Integer.parseInt(head.substring(9, 12));
                        length = 0;
                        for (String line : head.split("\r\n")) {
                            int colon = line.indexOf(':');
                            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                                length = Integer.parseInt(line.substring(colon + 1).trim());
                            }
                        }
                        return true;
                    }
                }
                return false;
            }

            String body() {
                return new String(in.array(), headerEnd, length, StandardCharsets.UTF_8);
            }

            void close() {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // closing a broken connection
                    }
                }
                channel = null;
                key = null;
            }
        }
    }

    /** Sends one request on a connection of its own and returns the answer, whatever its status. */
    static Answer once(Request request) throws IOException {
        try (Run run = new Run(1, 1, 0, ANY_STATUS, i -> request)) {
            run.measure();
            if (run.answer == null) {
                throw new IOException(run.firstFailure);
            }
            return run.answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the answer", e);
        }
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
