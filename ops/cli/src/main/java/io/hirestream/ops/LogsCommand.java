package io.hirestream.ops;

import io.hirestream.stack.Component;
import io.hirestream.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "logs",
        mixinStandardHelpOptions = true,
        description = "Prints where each part of the local stack logs and the last lines of each log.")
final class LogsCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Parameters(arity = "0..1", paramLabel = "COMPONENT", description = "Only this one (kafka, schema-registry, ...).")
    String only;

    @Option(names = {"-n", "--lines"}, defaultValue = "20", description = "How many lines of each log (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what COMPONENT appends to its log, until Ctrl-C.")
    boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LocalStack stack = stackOptions.stack();
        List<Component> components = stack.components().stream()
                .filter(c -> only == null || c.name().equals(only))
                .toList();
        if (components.isEmpty()) {
            throw new OpsException("no component named " + only + "; there are "
                    + stack.components().stream().map(Component::name).toList());
        }
        if (follow && components.size() != 1) {
            throw new OpsException("--follow needs one COMPONENT");
        }
        for (Component component : components) {
            System.out.println("==> " + component.name() + ": " + component.process().logFile());
            System.out.println(component.process().tail(lines));
        }
        if (follow) {
            follow(components.get(0).process().logFile());
        }
        return 0;
    }

    private static void follow(Path log) throws IOException, InterruptedException {
        long position = Files.exists(log) ? Files.size(log) : 0;
        while (!Thread.currentThread().isInterrupted()) {
            if (Files.exists(log) && Files.size(log) > position) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    file.seek(position);
                    byte[] bytes = new byte[(int) (file.length() - position)];
                    file.readFully(bytes);
                    System.out.write(bytes);
                    System.out.flush();
                    position += bytes.length;
                }
            }
            Thread.sleep(250);
        }
    }
}
