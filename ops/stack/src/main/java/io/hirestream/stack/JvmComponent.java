package io.hirestream.stack;

import java.time.Duration;
import java.time.Instant;

/**
 * A component that runs as its own JVM under the stack's home: it knows its process and waits for
 * readiness the same way, by probing until it answers, its process dies, or time runs out.
 */
abstract class JvmComponent implements Component {

    protected final StackLayout layout;
    protected final StackPorts ports;
    protected final String heap;
    private final ManagedProcess process;

    JvmComponent(String name, StackLayout layout, StackPorts ports, String heap) {
        this.layout = layout;
        this.ports = ports;
        this.heap = heap;
        this.process = new ManagedProcess(name, layout);
    }

    @Override
    public final ManagedProcess process() {
        return process;
    }

    /** One readiness probe: true once the component serves requests. */
    protected abstract boolean answers();

    @Override
    public final void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process.running().isEmpty()) {
                throw new StackException(name() + " exited while starting; the end of "
                        + process.logFile() + ":\n" + process.tail(30));
            }
            if (answers()) {
                return;
            }
            Pause.briefly();
        }
        throw new StackException(name() + " did not answer at " + address() + " within "
                + timeout.toSeconds() + " s; the end of " + process.logFile() + ":\n" + process.tail(30));
    }
}
