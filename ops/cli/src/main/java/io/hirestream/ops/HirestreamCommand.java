package io.hirestream.ops;

import io.hirestream.provisioning.ProvisioningException;
import io.hirestream.registry.SchemaRegistryException;
import io.hirestream.stack.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The ops command line; {@code ops/hirestream} runs it. */
@Command(name = "hirestream",
        mixinStandardHelpOptions = true,
        versionProvider = HirestreamCommand.Version.class,
        description = "Runs and operates hirestream: the local stack, topics, schemas, replay, rebuild, dead letters, lag.",
        subcommands = {
                UpCommand.class,
                ProvisionCommand.class,
                DemoCommand.class,
                LagCommand.class,
                DlqCommand.class,
                ReplayCommand.class,
                FunnelCommand.class,
                ChaosCommand.class,
                DownCommand.class,
                StatusCommand.class,
                LogsCommand.class,
                TopicsCommand.class,
                AclsCommand.class,
                ClientConfigCommand.class,
                TokenCommand.class,
                SecretsCommand.class,
                SchemasCommand.class,
                CommandLine.HelpCommand.class
        })
public final class HirestreamCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with hirestream's error handling: a clear message and exit 1, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HirestreamCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof StackException || exception instanceof ProvisioningException
                    || exception instanceof SchemaRegistryException || exception instanceof OpsException) {
                line.getErr().println("error: " + exception.getMessage());
                return 1;
            }
            throw exception;
        });
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HirestreamCommand.class.getPackage().getImplementationVersion();
            return new String[]{"hirestream " + (version == null ? "(development build)" : version)};
        }
    }
}
