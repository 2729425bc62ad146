package io.hirestream.testkit;

import io.hirestream.stack.Folders;
import io.hirestream.provisioning.Provisioning;
import io.hirestream.stack.LocalStack;
import io.hirestream.stack.StackCredentials;
import io.hirestream.stack.StackLayout;
import io.hirestream.stack.StackPorts;
import io.hirestream.topics.TopicSettings;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The one broker and registry of a test run, in this order of preference:
 * <ol>
 *   <li>a stack that is already running, named by {@code HIRESTREAM_TEST_KAFKA_BOOTSTRAP} and
 *       {@code HIRESTREAM_TEST_REGISTRY_URL} ({@code ops/hirestream test} starts one for the whole
 *       build, so that every module shares it);</li>
 *   <li>containers ({@code apache/kafka} and {@code apicurio/apicurio-registry}, pinned in the
 *       root pom) where a Docker engine answers, or where {@code HIRESTREAM_TEST_STACK=containers};</li>
 *   <li>otherwise the local stack's processes, on free ports in a temporary folder
 *       ({@code HIRESTREAM_TEST_STACK=local} forces this).</li>
 * </ol>
 * Topics are provisioned and schemas registered before the first test sees it. Whatever this
 * class starts, it stops when the test JVM ends.
 */
public final class SharedKafkaStack {

    private static KafkaStack instance;

    private SharedKafkaStack() {
    }

    /** The stack of this test run, started on first call. */
    public static synchronized KafkaStack get() {
        if (instance == null) {
            instance = start();
            StoppableStack stoppable = instance instanceof StoppableStack s ? s : null;
            if (stoppable != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(stoppable::stop, "hirestream-test-stack-stop"));
            }
        }
        return instance;
    }

    private static KafkaStack start() {
        String bootstrap = System.getenv("HIRESTREAM_TEST_KAFKA_BOOTSTRAP");
        String registry = System.getenv("HIRESTREAM_TEST_REGISTRY_URL");
        if (bootstrap != null && !bootstrap.isBlank() && registry != null && !registry.isBlank()) {
            // A stack that ops/hirestream started under HIRESTREAM_TEST_STACK_HOME: its users' passwords are kept there.
            String home = System.getenv("HIRESTREAM_TEST_STACK_HOME");
            Optional<StackCredentials> credentials = home == null || home.isBlank() ? Optional.empty()
                    : StackCredentials.existing(StackLayout.fromEnvironment().withHome(Path.of(home)));
            return new RunningStack(bootstrap, registry, credentials);
        }
        String mode = System.getenv().getOrDefault("HIRESTREAM_TEST_STACK", "auto");
        KafkaStack stack = switch (mode) {
            case "containers" -> ContainerStack.start();
            case "local" -> LocalProcessStack.start();
            case "auto" -> ContainerStack.dockerAnswers() ? ContainerStack.start() : LocalProcessStack.start();
            default -> throw new IllegalStateException("HIRESTREAM_TEST_STACK=" + mode
                    + " is not one of auto, containers, local");
        };
        Provisioning.apply(stack.clientConfigs(), TopicSettings.LOCAL, quiet());
        System.err.println("hirestream test stack: " + stack.description());
        return stack;
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** A stack this class started and must stop. */
    interface StoppableStack extends KafkaStack {
        void stop();
    }

    /** Stops the stack when JUnit closes the root store at the end of the run; the shutdown hook covers other endings. */
    record Handle(KafkaStack stack) implements AutoCloseable {
        @Override
        public void close() {
            synchronized (SharedKafkaStack.class) {
                if (stack instanceof StoppableStack stoppable) {
                    stoppable.stop();
                }
                if (instance == stack) {
                    instance = null;
                }
            }
        }
    }

    private record RunningStack(String bootstrapServers, String registryUrl, Optional<StackCredentials> credentials)
            implements KafkaStack {
        @Override
        public String description() {
            return "already running at " + bootstrapServers + " and " + registryUrl
                    + credentials.map(c -> ", signing in with the passwords in " + c.file()).orElse("");
        }

        @Override
        public Map<String, String> signIn(String user) {
            return credentials.map(c -> c.environment(user)).orElse(Map.of());
        }
    }

    /** The local stack's processes in a temporary folder, on free ports. */
    static final class LocalProcessStack implements StoppableStack {

        private final LocalStack stack;
        private boolean stopped;

        private LocalProcessStack(LocalStack stack) {
            this.stack = stack;
        }

        static LocalProcessStack start() {
            Path home = ScratchFolders.create("hirestream-test-stack-");
            LocalStack stack = new LocalStack(StackLayout.fromEnvironment().withHome(home), StackPorts.free());
            LocalProcessStack processes = new LocalProcessStack(stack);
            try {
                stack.up(quiet());
            } catch (RuntimeException e) {
                processes.stop();
                throw e;
            }
            return processes;
        }

        @Override
        public String bootstrapServers() {
            return stack.ports().kafkaBootstrap();
        }

        @Override
        public String registryUrl() {
            return stack.ports().registryUrl();
        }

        @Override
        public String description() {
            return "local processes at " + bootstrapServers() + " and " + registryUrl() + " under " + stack.layout().home();
        }

        @Override
        public Map<String, String> signIn(String user) {
            return stack.credentials().map(credentials -> credentials.environment(user)).orElse(Map.of());
        }

        @Override
        public synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            stack.down(quiet());
            Folders.deleteQuietly(stack.layout().home());
        }
    }
}
