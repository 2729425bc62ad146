package io.hirestream.ops;

import io.hirestream.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Shows what the local pipeline runs: state, pid, resident memory and address of each part. "
                + "Exits 0 when the broker and the registry run and nothing that was started has failed, 3 otherwise.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Override
    public Integer call() {
        LocalStack stack = stackOptions.stack();
        List<LocalStack.ComponentStatus> statuses = stack.status();
        System.out.println("hirestream local pipeline under " + stack.layout().home());
        System.out.printf("  %-16s %-8s %8s %10s  %s%n", "COMPONENT", "STATE", "PID", "RSS", "ADDRESS");
        long total = 0;
        for (LocalStack.ComponentStatus status : statuses) {
            total += status.residentKib();
            System.out.printf("  %-16s %-8s %8s %10s  %s%n", status.name(), status.state(),
                    status.pid().map(String::valueOf).orElse("-"),
                    status.running() ? status.residentKib() / 1024 + " MiB" : "-", status.address());
        }
        System.out.printf("  total resident memory: %d MiB%n", total / 1024);
        System.out.println("  logs under " + stack.layout().logs());
        boolean infrastructure = statuses.subList(0, 2).stream().allMatch(LocalStack.ComponentStatus::running);
        return infrastructure && statuses.stream().noneMatch(LocalStack.ComponentStatus::failed) ? 0 : 3;
    }
}
