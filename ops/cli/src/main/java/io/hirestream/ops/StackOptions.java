package io.hirestream.ops;

import io.hirestream.stack.LocalStack;
import io.hirestream.stack.StackLayout;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which local stack a command acts on. */
final class StackOptions {

    @Option(names = "--home", paramLabel = "DIR",
            description = "The stack's folder for data, logs and pids (default: $HIRESTREAM_HOME, else <repo>/.hirestream).")
    Path home;

    StackLayout layout() {
        StackLayout layout = StackLayout.fromEnvironment();
        return home == null ? layout : layout.withHome(home);
    }

    LocalStack stack() {
        return LocalStack.at(layout());
    }
}
