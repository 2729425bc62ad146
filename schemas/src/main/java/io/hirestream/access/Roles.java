package io.hirestream.access;

import java.util.List;

/**
 * The roles people (and services) sign in to the HTTP APIs with, as the {@code roles} claim of
 * their bearer token names them. What each may do is declared on the routes themselves
 * ({@code @Secured}); the README's route table is the contract. Constants, not an enum, so that
 * route annotations can name them.
 */
public final class Roles {

    /** Opens and closes requisitions, reads offers and adjusts their drafts, reads the funnel. */
    public static final String RECRUITER = "recruiter";
    /** Reads interview loops and gives feedback on them, as themselves. */
    public static final String INTERVIEWER = "interviewer";
    /** Decides offers (approves, withdraws), reads loops and offers and the funnel. */
    public static final String HIRING_MANAGER = "hiring-manager";
    /** Reads the funnel, nothing about any one person. */
    public static final String ANALYST = "analyst";
    /** Erases candidates. */
    public static final String PRIVACY = "privacy";
    /** Reads the adverse-impact check (selection rates by self-identified group), never any one person. */
    public static final String COMPLIANCE = "compliance";
    /** Reads health details, metrics, the services' internal views and the funnel. */
    public static final String OPS = "ops";
    /** Another instance of a service: the interactive-query peer routes ({@code /internal/...}). */
    public static final String SERVICE = "service";

    /** Every role, in the order the docs list them. */
    public static final List<String> ALL = List.of(RECRUITER, INTERVIEWER, HIRING_MANAGER, ANALYST, PRIVACY, COMPLIANCE, OPS,
            SERVICE);

    private Roles() {
    }
}
