package io.hirestream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temporary folders the stack's tools (benches, tests) make for themselves. */
public final class Folders {

    private Folders() {
    }

    /**
     * Removes the folder and everything in it, now, as far as it can: one that is gone already is no
     * error, and a temporary folder left behind is harmless.
     */
    public static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException gone) {
            // nothing (more) to remove
        }
    }
}
