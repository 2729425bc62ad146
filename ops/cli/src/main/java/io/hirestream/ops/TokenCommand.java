package io.hirestream.ops;

import io.hirestream.access.Roles;
import io.hirestream.stack.Service;
import io.hirestream.stack.TokenIssuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = {"Prints a bearer token for the services' HTTP APIs from the local stack's issuer (its signing key is",
                "made per home on first use, under secrets/). The last line of the output is the token alone:",
                "  curl -H \"Authorization: Bearer $(ops/hirestream token --role recruiter | tail -1)\" 127.0.0.1:8080/api/funnel",
                "With --link, a one-click sign-in link to the dashboard instead (the funnel trades it for a session).",
                "Roles: recruiter, interviewer, hiring-manager, analyst, privacy, ops, service."})
final class TokenCommand implements Callable<Integer> {

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "A role the token carries; repeat for several.")
    List<String> roles;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Who signs in: the token's subject, which decisions and feedback are recorded under "
                    + "(default local-<first role>).")
    String name;

    @Option(names = "--lifetime", paramLabel = "DURATION",
            description = "How long the token is good for (default PT8H; with --link PT15M).")
    Duration lifetime;

    @Option(names = "--link", description = "Print a one-click sign-in link to the dashboard instead of the token alone.")
    boolean link;

    @Override
    public Integer call() {
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new OpsException("--role: no role " + role + "; one of " + String.join(", ", Roles.ALL));
            }
        }
        Duration lifetime = this.lifetime != null ? this.lifetime
                : link ? TokenIssuer.SIGN_IN_LINK_LIFETIME : TokenIssuer.DEFAULT_LIFETIME;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofDays(30)) > 0) {
            throw new OpsException("--lifetime must be above 0 and at most 30 days, was " + lifetime);
        }
        String subject = name != null ? name.strip() : "local-" + roles.getFirst();
        if (subject.isEmpty() || subject.length() > 100 || subject.chars().anyMatch(Character::isISOControl)) {
            throw new OpsException("--name must be 1 to 100 characters on one line");
        }
        TokenIssuer issuer = TokenIssuer.forHome(stackOptions.layout());
        System.out.printf("# %s as %s, for %s, from the issuer under %s%n", subject, String.join(", ", roles), lifetime,
                stackOptions.layout().home());
        if (link) {
            System.out.println(issuer.signInLink(Service.FUNNEL.localUrl(stackOptions.layout()), subject, roles, lifetime));
        } else {
            System.out.println(issuer.token(subject, roles, lifetime));
        }
        return 0;
    }
}
