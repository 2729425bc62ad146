package io.hirestream.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The demo traffic generator ({@code hirestream demo}) as a background process of the stack,
 * driving the services through their HTTP APIs until the stack goes down.
 */
public final class DemoTrafficProcess extends JvmComponent {

    private final Map<Service, ServiceProcess> services;
    private final double rate;
    private final boolean disparity;

    /** @param disparity with a synthetic disparity at the interview stage, for the adverse-impact check to flag */
    public DemoTrafficProcess(StackLayout layout, Map<Service, ServiceProcess> services, double rate, boolean disparity) {
        super("demo-traffic", layout, "96m");
        this.services = Map.copyOf(services);
        this.rate = rate;
        this.disparity = disparity;
    }

    private Path jar() {
        return layout.repo().resolve("ops/cli/target/hirestream-ops.jar");
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of();
    }

    @Override
    public String address() {
        return rate + " applications/s to " + services.get(Service.INTAKE).url();
    }

    @Override
    public void start() {
        if (!Files.isRegularFile(jar())) {
            throw new StackException("the ops tool is not built yet (no " + jar() + "): run ./mvnw -q -DskipTests package");
        }
        List<String> command = smallJvm("16m");
        command.addAll(List.of("-jar", jar().toString(), "demo",
                "--home", layout.home().toString(),
                "--rate", Double.toString(rate),
                "--intake-url", services.get(Service.INTAKE).url(),
                "--interview-url", services.get(Service.INTERVIEW).url(),
                "--offer-url", services.get(Service.OFFER).url()));
        if (disparity) {
            command.add("--disparity");
        }
        process().start(command, layout.home(), Map.of());
    }

    /** It serves nothing; running is all there is to it, and the tail of its log shows its progress. */
    @Override
    protected boolean answers() {
        return true;
    }
}
