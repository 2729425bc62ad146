package io.hirestream.stack;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The java launcher the stack starts its programs with: the one running this code. */
final class Java {

    private Java() {
    }

    static String launcher() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    static Path home() {
        return Paths.get(System.getProperty("java.home"));
    }
}
