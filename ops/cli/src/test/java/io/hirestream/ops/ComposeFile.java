package io.hirestream.ops;

import io.hirestream.stack.StackLayout;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml as Docker Compose itself reads it ({@code docker compose config}, which needs no engine). */
final class ComposeFile {

    static final Path FILE = StackLayout.findRepo().resolve("docker-compose.yml");

    private ComposeFile() {
    }

    /** Every service's definition, anchors and merges resolved, as Compose would run it. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", FILE.toString(), "config"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        Map<String, Object> config = new Yaml().load(output);
        return (Map<String, Map<String, Object>>) config.get("services");
    }

    /** A service's environment, every value as a string (Compose v1 prints some as numbers). */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    /** The Compose v2 plugin where the Docker CLI has it, else the standalone docker-compose (.ci/run installs it). */
    private static List<String> composeCommand() throws IOException, InterruptedException {
        if (runs("docker", "compose", "version")) {
            return List.of("docker", "compose");
        }
        if (runs("docker-compose", "version")) {
            return List.of("docker-compose");
        }
        throw new AssertionError("neither `docker compose` nor `docker-compose` is installed: apt-get install docker-compose");
    }

    private static boolean runs(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
