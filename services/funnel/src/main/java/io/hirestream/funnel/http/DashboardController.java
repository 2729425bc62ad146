package io.hirestream.funnel.http;

import io.hirestream.access.Roles;
import io.hirestream.funnel.FunnelSettings;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Set;

/** What the dashboard shows the person signed in: which tabs their roles open, and whether the numbers are synthetic. */
@Controller("/api/dashboard")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class DashboardController {

    /** The roles {@link FunnelController}'s routes take. */
    static final Set<String> FUNNEL_READERS = Set.of(Roles.RECRUITER, Roles.HIRING_MANAGER, Roles.ANALYST, Roles.OPS);

    private final boolean demoData;

    public DashboardController(FunnelSettings settings) {
        this.demoData = settings.demoData();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public DashboardJson dashboard(Authentication person) {
        return new DashboardJson(demoData, person.getRoles().stream().anyMatch(FUNNEL_READERS::contains),
                person.getRoles().contains(Roles.COMPLIANCE));
    }

    /**
     * @param demoData true where the numbers come from the demo's made-up traffic, which the dashboard says
     * @param funnel   whether the person may read the funnel, its cohorts and sources
     * @param fairness whether the person may read the adverse-impact check
     */
    @Serdeable
    public record DashboardJson(boolean demoData, boolean funnel, boolean fairness) {
    }
}
