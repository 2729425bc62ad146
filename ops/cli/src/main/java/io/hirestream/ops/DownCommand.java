package io.hirestream.ops;

import io.hirestream.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "down",
        mixinStandardHelpOptions = true,
        description = "Stops everything the local pipeline runs, by pid (SIGTERM, then SIGKILL after 30 s), the services before the broker. Data is kept.")
final class DownCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Override
    public Integer call() {
        LocalStack stack = stackOptions.stack();
        System.out.println("hirestream local pipeline under " + stack.layout().home());
        stack.down(System.out);
        return 0;
    }
}
