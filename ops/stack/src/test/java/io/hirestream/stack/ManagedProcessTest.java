package io.hirestream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @TempDir
    Path home;

    @Test
    void aProcessStartedHereRunsWhileItLivesEvenWhenItsCommandLineNoLongerShowsTheMarker() {
        ManagedProcess process = new ManagedProcess("sleeper", new StackLayout(home, home));
        // The shell execs sleep at once: from then on the command line is "sleep 60", without the
        // marker, as it is for a moment while setsid or a launcher execs a component.
        ProcessHandle sleeper = process.start(List.of("/bin/sh", "-c", "exec sleep 60", process.marker()),
                home.resolve("work"), Map.of());
        try {
            awaitExecOfSleep(sleeper);
            assertThat(process.running()).as("the process it started").contains(sleeper);
            assertThat(process.stop(Duration.ofSeconds(5))).isTrue();
            assertThat(process.running()).isEmpty();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aPidFileLeftByAnotherRunCountsOnlyWhenItsProcessCarriesTheMarker() {
        StackLayout layout = new StackLayout(home, home);
        ManagedProcess starter = new ManagedProcess("sleeper", layout);
        ProcessHandle sleeper = starter.start(List.of("/bin/sh", "-c", "exec sleep 60", starter.marker()),
                home.resolve("work"), Map.of());
        try {
            awaitExecOfSleep(sleeper);
            // Another invocation reads the same pid file: the pid lives but is not recognisably ours.
            assertThat(new ManagedProcess("sleeper", layout).running()).isEmpty();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aStageStartedToYieldLowersItsOwnSessionsShareOfTheCoresAndNotItsStarters() throws Exception {
        Path own = Path.of("/proc/self/autogroup");
        assumeTrue(Files.isReadable(own), "Linux with autogroup scheduling");
        String before = Files.readString(own);
        ManagedProcess process = new ManagedProcess("stage", new StackLayout(home, home));
        ProcessHandle stage = process.start(ManagedProcess.withSessionNice(
                List.of("/bin/sh", "-c", "exec sleep 60", process.marker()), 19), home.resolve("work"), Map.of());
        try {
            awaitExecOfSleep(stage);
            assertThat(Files.readString(Path.of("/proc/" + stage.pid() + "/autogroup"))).as("the stage's session")
                    .endsWith("nice 19\n");
            assertThat(Files.readString(own)).as("the session that started it").isEqualTo(before);
        } finally {
            stage.destroyForcibly();
        }
    }

    private static void awaitExecOfSleep(ProcessHandle process) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> process.info().command().orElse("").endsWith("/sleep"));
    }
}
