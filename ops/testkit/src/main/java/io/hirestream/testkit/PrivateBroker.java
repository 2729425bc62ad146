package io.hirestream.testkit;

import io.hirestream.provisioning.Provisioning;
import io.hirestream.stack.KafkaBroker;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.topics.TopicSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Kafka broker of one test's own, beside the run's shared registry, for tests that pause, kill
 * or restart the broker without disturbing the others: a real broker (the local stack's), on
 * free ports in a temporary folder, with every topic provisioned. Closing stops it by pid and
 * removes its folder.
 */
public final class PrivateBroker implements AutoCloseable {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final Path home;
    private final KafkaBroker broker;
    private final KafkaStack stack;

    private PrivateBroker(Path home, KafkaBroker broker, KafkaStack stack) {
        this.home = home;
        this.broker = broker;
        this.stack = stack;
    }

    /** Starts a broker and provisions it; schemas go to the shared stack's registry. */
    public static PrivateBroker start(KafkaStack shared) {
        try {
            return start(shared, Files.createTempDirectory("hirestream-private-broker-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker under the given home (as the local stack's {@code kafka}, so that the ops
     * tool's {@code --home} finds it) and provisions it; schemas go to the shared stack's registry.
     */
    public static PrivateBroker start(KafkaStack shared, Path home) {
        StackPorts ports = StackPorts.free();
        KafkaBroker broker = new KafkaBroker(StackLayout.fromEnvironment().withHome(home), ports, "256m");
        KafkaStack stack = new KafkaStack() {
            @Override
            public String bootstrapServers() {
                return ports.kafkaBootstrap();
            }

            @Override
            public String registryUrl() {
                return shared.registryUrl();
            }

            @Override
            public String description() {
                return "a private broker at " + ports.kafkaBootstrap() + " under " + home + ", registry " + shared.registryUrl();
            }
        };
        PrivateBroker started = new PrivateBroker(home, broker, stack);
        try {
            LocalStack.startAndAwait(List.of(broker), QUIET);
            Provisioning.apply(stack.bootstrapServers(), stack.registryUrl(), TopicSettings.LOCAL, QUIET);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** This broker with the shared registry, as a stack for services and clients. */
    public KafkaStack stack() {
        return stack;
    }

    public long pid() {
        return broker.process().running().orElseThrow(() -> new IllegalStateException("the broker is not running")).pid();
    }

    /** Freezes the broker (SIGSTOP): it holds its connections and answers nothing, as a stalled machine would. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused broker go on (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    /** Stops the broker (SIGTERM, as a rolling restart does) and starts it again on its data; waits until it answers. */
    public void restart() {
        broker.process().stop(Duration.ofSeconds(30));
        LocalStack.startAndAwait(List.of(broker), QUIET);
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        broker.process().running().ifPresent(running -> resume());
        broker.process().stop(Duration.ofSeconds(30));
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
