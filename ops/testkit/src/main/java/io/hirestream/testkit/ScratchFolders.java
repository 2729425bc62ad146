package io.hirestream.testkit;

import io.hirestream.stack.Folders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The temporary folders tests give their brokers, services and browsers: each removed when the
 * tests' JVM exits (by then the tests have stopped what ran in it), so that a run leaves nothing
 * behind in the temporary directory.
 */
public final class ScratchFolders {

    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(Folders::deleteQuietly), "remove-scratch-folders"));
    }

    private ScratchFolders() {
    }

    /** A new folder under the temporary directory, named from the prefix, removed when the JVM exits. */
    public static Path create(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            CREATED.add(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder " + prefix + "...", e);
        }
    }
}
