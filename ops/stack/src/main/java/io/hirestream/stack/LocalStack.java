package io.hirestream.stack;

import io.hirestream.clients.ClientSettings;
import io.hirestream.provisioning.AclProvisioner;
import io.hirestream.topics.Acls;
import io.hirestream.topics.Principal;
import io.hirestream.topics.TopicSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The local stack: a Kafka broker and a schema registry as background processes, plus whatever
 * further components (the services) a caller adds. {@link #up} starts what is not running and
 * waits until everything answers; running it twice does no harm. {@link #down} stops everything
 * it started, by pid, in reverse order.
 */
public final class LocalStack {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final StackLayout layout;
    private final StackPorts ports;
    /** Null where the broker runs without authentication. */
    private final StackCredentials credentials;
    /** Groups of components, started group by group; the members of a group start together. */
    private final List<List<Component>> stages = new ArrayList<>();

    /** A secured stack: see {@link #LocalStack(StackLayout, StackPorts, boolean)}. */
    public LocalStack(StackLayout layout, StackPorts ports) {
        this(layout, ports, true);
    }

    /**
     * @param secured true (the default) for a broker that authenticates every client (SASL/SCRAM,
     *                with the home's {@link StackCredentials}) and authorizes by the declared ACLs;
     *                false for one that lets any client do anything (for measuring what security costs)
     */
    public LocalStack(StackLayout layout, StackPorts ports, boolean secured) {
        this.layout = layout;
        this.ports = ports;
        this.credentials = secured ? StackCredentials.forHome(layout) : null;
        List<Component> infrastructure = new ArrayList<>();
        ports.nodes().forEach(node -> infrastructure.add(new KafkaBroker(layout, ports, node, "256m", credentials)));
        infrastructure.add(new SchemaRegistry(layout, ports, "256m"));
        stages.add(List.copyOf(infrastructure));
    }

    /** Demo applications per second unless told otherwise. */
    public static final double DEMO_RATE = 2.0;

    /** The whole local pipeline under the layout's home, with demo traffic at the default rate. */
    public static LocalStack at(StackLayout layout) {
        return at(layout, DEMO_RATE);
    }

    /**
     * The whole local pipeline under the layout's home: the broker and the registry on the ports
     * the environment or its last start chose, then the five services on theirs
     * ({@code FUNNEL_PORT}, ...), then the demo traffic.
     */
    public static LocalStack at(StackLayout layout, double demoRate) {
        return at(layout, StackPorts.forHome(layout), demoRate);
    }

    /**
     * The whole local pipeline on the given ports. On a cluster of several brokers the services'
     * own internal topics are replicated like the others (three ways, two in sync).
     */
    public static LocalStack at(StackLayout layout, StackPorts ports, double demoRate) {
        return at(layout, ports, new Demo(demoRate, false));
    }

    /**
     * Demo traffic through the services' APIs.
     *
     * @param rate      applications per second
     * @param disparity with a synthetic disparity at the interview stage, for the adverse-impact check to flag
     */
    public record Demo(double rate, boolean disparity) {
    }

    /**
     * As {@link #at(StackLayout, StackPorts, double)}, with the demo traffic described (null: none).
     * With demo traffic, the funnel labels its dashboard's numbers as synthetic.
     */
    public static LocalStack at(StackLayout layout, StackPorts ports, Demo demo) {
        double demoRate = demo == null ? DEMO_RATE : demo.rate();
        LocalStack stack = new LocalStack(layout, ports);
        Map<String, String> settings = ports.nodes().size() == 1 ? Map.of() : Map.of("HIRESTREAM_TOPICS_REPLICATION_FACTOR",
                Integer.toString(TopicSettings.fromEnvironment(ports.nodes().size()).replicationFactor()));
        Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Map<String, String> own = new java.util.HashMap<>(settings);
            own.putAll(stack.signIn(service.principal()));
            own.putAll(StackSecrets.serviceEnvironment(layout, service));
            if (service == Service.INTAKE) {
                // The demo is one client: let it submit at its rate, whatever the default per-client limit.
                own.put("INTAKE_RATE_LIMIT", Long.toString(Math.max(10, (long) Math.ceil(2 * demoRate))));
            }
            if (service == Service.FUNNEL && demo != null) {
                own.put("FUNNEL_DEMO_DATA", "true");
            }
            services.put(service, new ServiceProcess(layout, service, service.configuredPort(),
                    stack.ports.kafkaBootstrap(), stack.ports.registryUrl(), own).yieldingAsAStage());
        }
        stack.withTogether(List.copyOf(services.values()));
        return demo == null ? stack : stack.with(new DemoTrafficProcess(layout, services, demo.rate(), demo.disparity()));
    }

    public StackLayout layout() {
        return layout;
    }

    public StackPorts ports() {
        return ports;
    }

    /** The issuer of the bearer tokens people and services sign in to the HTTP APIs with. */
    public TokenIssuer issuer() {
        return TokenIssuer.forHome(layout);
    }

    /** The passwords of the broker's users; empty where it runs without authentication. */
    public Optional<StackCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The environment variables that sign a process in as the principal; none where the broker needs none. */
    public Map<String, String> signIn(Principal principal) {
        return credentials == null ? Map.of() : credentials.environment(principal);
    }

    /** Client settings (cluster, registry and sign-in) for a client acting as the principal. */
    public Map<String, Object> clientSettings(Principal principal) {
        Map<String, String> signIn = signIn(principal);
        return ClientSettings.from(variable -> switch (variable) {
            case ClientSettings.BOOTSTRAP_SERVERS -> ports.kafkaBootstrap();
            case ClientSettings.REGISTRY_URL -> ports.registryUrl();
            default -> signIn.get(variable);
        });
    }

    /** Adds a component that starts after, and stops before, the ones already there. */
    public LocalStack with(Component component) {
        return withTogether(List.of(component));
    }

    /** Adds components that start together, after the ones already there, and stop before them. */
    public LocalStack withTogether(List<? extends Component> group) {
        stages.add(List.copyOf(group));
        return this;
    }

    public List<Component> components() {
        return stages.stream().<Component>flatMap(List::stream).toList();
    }

    /**
     * Starts every component that is not running and waits until all answer. Components start
     * in stages: the broker and the registry together, then each added group in turn, since the
     * services need both and the demo traffic needs the services.
     */
    public void up(PrintStream out) {
        upInfrastructure(out);
        upServices(out);
    }

    /**
     * Starts the broker and the registry only; on a secured stack, then makes each principal's
     * user and brings the ACLs to the declared ones, as the broker's own user.
     */
    public void upInfrastructure(PrintStream out) {
        ports.save(layout);
        startAndAwait(stages.getFirst(), out);
        if (credentials != null) {
            try (Admin admin = Admin.create(credentials.clientSettings(StackCredentials.BROKER_USER, ports.kafkaBootstrap(),
                    Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000")))) {
                out.printf("  %-16s %s; passwords in %s%n", "security", describe(provisionAccess(admin, credentials)),
                        credentials.file());
            }
        }
    }

    /**
     * Makes (or resets) every principal's SCRAM user with its password and brings the cluster's
     * ACLs to the declared ones; the admin must act as the broker's own user. Answers what changed.
     */
    public static AclProvisioner.Drift provisionAccess(Admin admin, StackCredentials credentials) {
        AclProvisioner access = new AclProvisioner(admin);
        access.users(principal -> credentials.password(principal.id()));
        return access.apply();
    }

    /** What {@link #provisionAccess} did, in a line. */
    public static String describe(AclProvisioner.Drift changed) {
        return String.format("SASL/SCRAM users for %d principals, %d ACLs as declared (%d added, %d removed)",
                Principal.values().length, Acls.declared().size(), changed.missing().size(), changed.undeclared().size());
    }

    /** Starts what was added after the broker and the registry, stage by stage. */
    public void upServices(PrintStream out) {
        for (List<Component> stage : stages.subList(1, stages.size())) {
            startAndAwait(stage, out);
        }
    }

    /** The services of the pipeline, where this stack runs them. */
    public List<ServiceProcess> services() {
        return components().stream().filter(ServiceProcess.class::isInstance).map(ServiceProcess.class::cast).toList();
    }

    /** Starts the given components that are not running, in parallel, and waits for all of them. */
    public static void startAndAwait(List<? extends Component> group, PrintStream out) {
        List<Component> toStart = new ArrayList<>();
        for (Component component : group) {
            Optional<ProcessHandle> running = component.process().running();
            if (running.isPresent()) {
                out.printf("  %-16s already running (pid %d) at %s%n", component.name(), running.get().pid(), component.address());
            } else {
                requireFreePorts(component);
                toStart.add(component);
            }
        }
        for (Component component : toStart) {
            component.start();
            out.printf("  %-16s starting (pid %d), log %s%n", component.name(),
                    component.process().running().map(ProcessHandle::pid).orElse(-1L), component.process().logFile());
        }
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (Component component : group) {
            ready.add(CompletableFuture.runAsync(() -> component.awaitReady(READY_TIMEOUT)));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StackException stack ? stack : new StackException(e.getCause().getMessage(), e.getCause());
        }
        for (Component component : toStart) {
            out.printf("  %-16s ready at %s%n", component.name(), component.address());
        }
    }

    /**
     * Stops every running component, the last started stage first; the members of a stage stop
     * together, as they started.
     */
    public void down(PrintStream out) {
        List<List<Component>> reversed = new ArrayList<>(stages);
        java.util.Collections.reverse(reversed);
        for (List<Component> stage : reversed) {
            List<CompletableFuture<String>> stopped = stage.stream().map(component -> CompletableFuture.supplyAsync(() -> {
                Optional<Long> pid = component.process().running().map(ProcessHandle::pid);
                return component.process().stop(STOP_GRACE)
                        ? String.format("  %-16s stopped (pid %d)", component.name(), pid.orElse(-1L))
                        : String.format("  %-16s not running", component.name());
            })).toList();
            try {
                stopped.forEach(line -> out.println(line.join()));
            } catch (CompletionException e) {
                throw e.getCause() instanceof StackException stack ? stack : new StackException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** One line per component: running or not, pid, resident memory, address, log. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> statuses = new ArrayList<>();
        for (Component component : components()) {
            Optional<ProcessHandle> running = component.process().running();
            statuses.add(new ComponentStatus(component.name(), component.process().started(), running.map(ProcessHandle::pid),
                    running.map(handle -> ManagedProcess.residentKib(handle.pid())).orElse(0L),
                    component.address(), component.process().logFile().toString()));
        }
        return statuses;
    }

    private static void requireFreePorts(Component component) {
        for (Map.Entry<Integer, String> port : component.ports().entrySet()) {
            if (!StackPorts.isFree(port.getKey())) {
                throw new StackException("port " + port.getKey() + " (" + port.getValue()
                        + ") is already in use by another program, so " + component.name()
                        + " cannot start; stop that program or choose another port with the variable named");
            }
        }
    }

    /** What {@link #status()} reports of one component. */
    public record ComponentStatus(String name, boolean started, Optional<Long> pid, long residentKib, String address, String log) {

        public boolean running() {
            return pid.isPresent();
        }

        /** Started and not stopped, yet not running: it crashed, or was killed. */
        public boolean failed() {
            return started && pid.isEmpty();
        }

        public String state() {
            return running() ? "running" : failed() ? "failed" : "stopped";
        }
    }
}
