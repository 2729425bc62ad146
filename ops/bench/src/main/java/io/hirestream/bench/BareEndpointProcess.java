package io.hirestream.bench;

import io.hirestream.stack.JvmComponent;
import io.hirestream.stack.Service;
import io.hirestream.stack.StackLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A benchmark's baseline, a bare Micronaut endpoint, in a JVM like the measured service's (same heap and flags). */
final class BareEndpointProcess extends JvmComponent {

    private final int port;
    private final Service like;

    BareEndpointProcess(StackLayout layout, int port, Service like) {
        super("bench-endpoint", layout, like.heap());
        this.port = port;
        this.like = like;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of(port, "bench endpoint HTTP");
    }

    @Override
    public void start() {
        Path jar = layout.repo().resolve("ops/bench-endpoint/target/hirestream-bench-endpoint.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the bench endpoint is not built (no " + jar + "): ops/hirestream bench builds it");
        }
        List<String> command = serviceJvm(like);
        command.addAll(List.of("-jar", jar.toString()));
        process().start(command, layout.home().resolve("data").resolve("bench-endpoint"),
                Map.of("BENCH_ENDPOINT_PORT", Integer.toString(port)));
    }

    @Override
    protected boolean answers() {
        return answersOk(url() + "/health");
    }

    @Override
    public String address() {
        return url();
    }
}
