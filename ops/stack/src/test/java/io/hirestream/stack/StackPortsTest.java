package io.hirestream.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StackPortsTest {

    /** Outgoing connections take their local ports from the ephemeral range: a port chosen there can be gone by the time a component binds it. */
    @Test
    void freePortsAreDistinctBindableAndOutsideTheEphemeralRange() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralStart = Files.isReadable(range) ? Integer.parseInt(Files.readAllLines(range).getFirst().trim().split("\\s+")[0]) : 32_768;
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
