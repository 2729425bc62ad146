package io.hirestream.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the local stack's programs come from and where its data, logs and process ids go.
 *
 * @param repo the hirestream checkout, whose build gathered the broker's jars and the registry
 * @param home the stack's own folder: {@code data/}, {@code logs/}, {@code run/}
 */
public record StackLayout(Path repo, Path home) {

    /** Environment variable naming the stack's folder; default {@code <repo>/.hirestream}. */
    public static final String HOME_VARIABLE = "HIRESTREAM_HOME";

    public StackLayout {
        repo = repo.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
    }

    /** The layout of the checkout this program runs from, with the home the environment names. */
    public static StackLayout fromEnvironment() {
        Path repo = findRepo();
        String home = System.getenv(HOME_VARIABLE);
        return new StackLayout(repo, home == null || home.isBlank() ? repo.resolve(".hirestream") : Paths.get(home));
    }

    /**
     * The checkout: the {@code hirestream.repo} system property, the {@code HIRESTREAM_REPO}
     * variable, or the nearest folder above the working directory that holds {@code ops/kafka-broker}.
     */
    public static Path findRepo() {
        String explicit = System.getProperty("hirestream.repo", System.getenv("HIRESTREAM_REPO"));
        if (explicit != null && !explicit.isBlank() && isRepo(Paths.get(explicit))) {
            return Paths.get(explicit).toAbsolutePath().normalize();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRepo(dir)) {
                return dir;
            }
        }
        throw new StackException("cannot find the hirestream checkout above " + Paths.get("").toAbsolutePath()
                + ": run from inside it or set HIRESTREAM_REPO");
    }

    private static boolean isRepo(Path dir) {
        return Files.isRegularFile(dir.resolve("ops/kafka-broker/pom.xml"));
    }

    public StackLayout withHome(Path newHome) {
        return new StackLayout(repo, newHome);
    }

    public Path brokerLib() {
        return repo.resolve("ops/kafka-broker/target/lib");
    }

    public Path registryJar() {
        return repo.resolve("ops/schema-registry/target/apicurio-registry/quarkus-run.jar");
    }

    public Path kafkaData() {
        return home.resolve("data/kafka");
    }

    public Path registryData() {
        return home.resolve("data/schema-registry");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path run() {
        return home.resolve("run");
    }

    /** Fails with the command that builds what is missing, if the broker or registry is not built yet. */
    public void requireBuilt() {
        if (!Files.isDirectory(brokerLib()) || !Files.isRegularFile(registryJar())) {
            throw new StackException("the broker and registry are not built yet under " + repo
                    + ": run ./mvnw -q -pl ops/kafka-broker,ops/schema-registry generate-resources");
        }
    }
}
