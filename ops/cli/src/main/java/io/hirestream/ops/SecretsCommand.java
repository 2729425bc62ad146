package io.hirestream.ops;

import io.hirestream.stack.SecretFile;
import io.hirestream.stack.Service;
import io.hirestream.stack.StackSecrets;
import io.hirestream.stack.TokenIssuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "secrets",
        mixinStandardHelpOptions = true,
        description = {"Makes the sign-in secrets of a deployment without an identity provider (docker-compose.yml does this",
                "in a one-shot container), as the local stack keeps them under its home: the token issuer's key pair",
                "(secrets/token-keys.json is what services trust: HIRESTREAM_JWKS_FILE), the dashboard session key,",
                "and per service a configuration file with its service token (services/<name>.yml:",
                "MICRONAUT_CONFIG_FILES). Keys are made once; service tokens anew on every run (good for 30 days).",
                "Then `token --home DIR` signs people's tokens with the same key."})
final class SecretsCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Override
    public Integer call() throws IOException {
        Path home = stackOptions.layout().home();
        TokenIssuer issuer = TokenIssuer.forHome(stackOptions.layout());
        Path folder = home.resolve("services");
        Files.createDirectories(folder);
        for (Service service : Service.values()) {
            StringBuilder yaml = new StringBuilder("# made by ops/hirestream secrets: this service's sign-in settings\n")
                    .append("hirestream:\n")
                    .append("  service-token: ").append(issuer.serviceToken(service.id())).append('\n');
            if (service == Service.FUNNEL) {
                yaml.append("  funnel:\n    session-secret: ")
                        .append(StackSecrets.get(stackOptions.layout(), StackSecrets.DASHBOARD_SESSION)).append('\n');
            }
            if (service == Service.INTAKE) {
                yaml.append("  intake:\n    receipts-secret: ")
                        .append(StackSecrets.get(stackOptions.layout(), StackSecrets.INTAKE_RECEIPTS)).append('\n');
            }
            SecretFile.write(folder.resolve(service.id() + ".yml"), yaml.toString());
        }
        System.out.println("sign-in secrets under " + home + ": trust " + issuer.publicKeys() + ", services' settings in "
                + folder);
        return 0;
    }
}
