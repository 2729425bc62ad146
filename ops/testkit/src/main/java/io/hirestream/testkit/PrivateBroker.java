package io.hirestream.testkit;

import io.hirestream.stack.Folders;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.provisioning.TopicProvisioner;
import io.hirestream.stack.KafkaBroker;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.StackCredentials;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.topics.TopicSettings;
import io.hirestream.topics.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final StackCredentials credentials;

    private PrivateBroker(Path home, KafkaBroker broker, KafkaStack stack, StackCredentials credentials) {
        this.home = home;
        this.broker = broker;
        this.stack = stack;
        this.credentials = credentials;
    }

    /** Starts a broker and provisions it; schemas go to the shared stack's registry. */
    public static PrivateBroker start(KafkaStack shared) {
        return start(shared, ScratchFolders.create("hirestream-private-broker-"));
    }

    /**
     * Starts a broker under the given home (as the local stack's {@code kafka}, so that the ops
     * tool's {@code --home} finds it) and provisions it; schemas go to the shared stack's registry.
     */
    public static PrivateBroker start(KafkaStack shared, Path home) {
        return start(shared, home, null);
    }

    /**
     * Starts a broker as the local stack secures it (SASL/SCRAM, the StandardAuthorizer, nothing
     * allowed that no ACL allows), makes every principal's user, applies the declared ACLs and
     * provisions the topics as the broker's own user. {@link #credentials()} connects as any of them.
     */
    public static PrivateBroker startSecured(KafkaStack shared) {
        Path home = ScratchFolders.create("hirestream-secured-broker-");
        return start(shared, home, StackCredentials.forHome(StackLayout.fromEnvironment().withHome(home)));
    }

    private static PrivateBroker start(KafkaStack shared, Path home, StackCredentials credentials) {
        StackPorts ports = StackPorts.free();
        StackLayout layout = StackLayout.fromEnvironment().withHome(home);
        // Saved as the local stack saves them, so that the ops tool finds this broker under the home.
        ports.save(layout);
        KafkaBroker broker = new KafkaBroker(layout, ports, "256m", credentials);
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
        PrivateBroker started = new PrivateBroker(home, broker, stack, credentials);
        try {
            LocalStack.startAndAwait(List.of(broker), QUIET);
            if (credentials == null) {
                Provisioning.apply(stack.bootstrapServers(), stack.registryUrl(), TopicSettings.LOCAL, QUIET);
            } else {
                try (Admin admin = Admin.create(credentials.clientSettings(StackCredentials.BROKER_USER,
                        stack.bootstrapServers(), Map.of()))) {
                    LocalStack.provisionAccess(admin, credentials);
                    new TopicProvisioner(admin, TopicSettings.LOCAL).apply(Topics.all(), false);
                }
            }
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** The passwords of a secured broker's users; empty for a broker without authentication. */
    public Optional<StackCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The folder the broker keeps its data, ports and (when secured) passwords in: the ops tool's HIRESTREAM_HOME. */
    public Path home() {
        return home;
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
        Folders.deleteQuietly(home);
    }
}
