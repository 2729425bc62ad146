package io.hirestream.stack;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StackPortsTest {

    /** Outgoing connections take their local ports from the ephemeral range: a port chosen there can be gone by the time a component binds it. */
    @Test
    void freePortsAreDistinctBindableAndOutsideTheEphemeralRange() throws Exception {
        int ephemeralStart = StackPorts.ephemeralRangeStart();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = StackPorts.freePort();
            assertThat(StackPorts.isFree(port)).as("port %d is free", port).isTrue();
            assertThat(port).isLessThan(ephemeralStart);
            ports.add(port);
        }
        assertThat(ports).as("no port handed out twice").hasSize(50);
    }
}
