package io.hirestream.offer.http;

import io.hirestream.access.Roles;
import io.hirestream.events.OfferAction;
import io.hirestream.events.OfferDecision;
import io.hirestream.offer.domain.Decisions;
import io.hirestream.offer.domain.OfferCase;
import io.hirestream.offer.topology.OfferTopology;
import io.hirestream.service.http.PageJson;
import io.hirestream.service.http.Paging;
import io.hirestream.service.http.ProblemException;
import io.hirestream.service.kafka.RecordPublisher;
import io.hirestream.service.streams.StateQueries;
import io.hirestream.topics.Topics;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Offers and recruiters' decisions on them. A decision is checked against the offer as it
 * stands (404 when there is none, 409 when it is no longer a draft, 422 for an amount outside
 * the band), written to the decisions topic, and answered once the offer has taken it in: 200
 * with what was decided (status, salary, who), or 409 where another decision came first (of two
 * racing approvals exactly one wins). Approval emits the offered event with that salary.
 */
@Controller("/api/offers")
@Secured({Roles.RECRUITER, Roles.HIRING_MANAGER})
@ExecuteOn(TaskExecutors.BLOCKING)
public class OffersController {

    private final StateQueries state;
    private final RecordPublisher publisher;
    private final Duration decisionTimeout;
    private final Clock clock = Clock.systemUTC();

    public OffersController(StateQueries state, RecordPublisher publisher,
                            @Value("${hirestream.offer.decision-timeout:10s}") Duration decisionTimeout) {
        this.state = state;
        this.publisher = publisher;
        this.decisionTimeout = decisionTimeout;
    }

    /**
     * A page of the offers in application-id order, {@code limit} (default 50, at most 500) at a time;
     * {@code nextCursor} fetches the next page, and is null after the last. Filters: {@code status},
     * {@code requisitionId}.
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public PageJson<OfferJson> list(@Nullable @QueryValue String status, @Nullable @QueryValue String requisitionId,
                              @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Map<String, String> filters = Paging.filters("status", status, "requisitionId", requisitionId);
        StateQueries.Page<OfferCase> page = state.page(OfferTopology.OFFERS_STORE, filters, cursor, Paging.limit(limit));
        return new PageJson<>(page.items().stream().map(OfferJson::of).toList(), page.nextCursor());
    }

    @Get(value = "/{applicationId}", produces = MediaType.APPLICATION_JSON)
    public OfferJson read(@PathVariable String applicationId) {
        return offer(applicationId).map(OfferJson::of).orElseThrow(() -> noOffer(applicationId));
    }

    /** Extends the offer, at {@code baseSalary} when given, else at the amount as it stands. */
    @Post(value = "/{applicationId}/approve", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.HIRING_MANAGER)
    public HttpResponse<OfferJson.DecisionJson> approve(@PathVariable String applicationId,
                                                        @Valid @Body DecisionBodies.Approval body, Authentication signedIn) {
        return decide(applicationId, OfferAction.APPROVE, cents(body.baseSalary()), signedIn.getName());
    }

    /** A new amount for the draft: recruiters prepare offers, hiring managers may too. */
    @Post(value = "/{applicationId}/adjust", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<OfferJson.DecisionJson> adjust(@PathVariable String applicationId,
                                                       @Valid @Body DecisionBodies.Adjustment body, Authentication signedIn) {
        return decide(applicationId, OfferAction.ADJUST, cents(body.baseSalary()), signedIn.getName());
    }

    @Post(value = "/{applicationId}/withdraw", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.HIRING_MANAGER)
    public HttpResponse<OfferJson.DecisionJson> withdraw(@PathVariable String applicationId,
                                                         @Valid @Body DecisionBodies.Withdrawal body, Authentication signedIn) {
        return decide(applicationId, OfferAction.WITHDRAW, null, signedIn.getName());
    }

    private HttpResponse<OfferJson.DecisionJson> decide(String applicationId, OfferAction action, BigDecimal amount, String by) {
        OfferCase offer = offer(applicationId).orElse(null);
        switch (Decisions.check(offer, action.name(), amount)) {
            case NO_OFFER -> throw noOffer(applicationId);
            case NOT_A_DRAFT -> throw ProblemException.conflict("offer-decided", "The offer is no longer a draft",
                    "Application " + applicationId + "'s offer is " + asDecided(offer) + "; it takes no more decisions.");
            case OUTSIDE_BAND -> throw ProblemException.unprocessable("outside-band", "The amount is outside the salary band",
                    "baseSalary " + amount.toPlainString() + " " + offer.currency() + " is outside the requisition's band "
                            + offer.bandMin().toPlainString() + " to " + offer.bandMax().toPlainString() + " " + offer.currency()
                            + ".", "baseSalary");
            case AMOUNT_REQUIRED -> throw ProblemException.badRequest("baseSalary", "baseSalary is required");
            case OK -> { }
        }
        String decisionId = UUID.randomUUID().toString();
        publisher.publish(Topics.OFFER_DECISIONS.name(), applicationId, new OfferDecision(decisionId, applicationId, action,
                amount, by, clock.instant()), "the decision");
        OfferCase settled = settled(applicationId, decisionId);
        if (OfferCase.REFUSED.equals(settled.outcomeOf(decisionId).orElseThrow())) {
            throw ProblemException.conflict("offer-decided", "The offer was decided first by another decision",
                    "Application " + applicationId + "'s offer is " + asDecided(settled)
                            + "; decision " + decisionId + " came after it and changed nothing.");
        }
        return HttpResponse.ok(new OfferJson.DecisionJson(decisionId, applicationId, action.name(), settled.status(),
                settled.baseSalary(), settled.currency(), settled.decidedBy()));
    }

    /** How a decided offer stands, as a 409 says it: status, who decided and the salary. */
    private static String asDecided(OfferCase offer) {
        return offer.status() + (offer.decidedBy() == null ? "" : " (by " + offer.decidedBy() + ")")
                + " at " + offer.baseSalary().toPlainString() + " " + offer.currency();
    }

    /**
     * The offer once it has taken in the decision: the request waits (read your decision) for the
     * task that owns the offer, on this instance or another, to apply or refuse it, so that the
     * answer says what was decided. 504 where that takes longer than the decision timeout: the
     * decision is written and will be taken in; GET /api/offers/{id} shows its effect.
     */
    private OfferCase settled(String applicationId, String decisionId) {
        return state.<OfferCase>awaitSettled(OfferTopology.OFFERS_STORE, applicationId,
                offer -> offer.outcomeOf(decisionId).isPresent(), decisionTimeout,
                "Decision " + decisionId + " is written but the offer has not taken it in within "
                        + decisionTimeout.toSeconds() + " s; GET /api/offers/" + applicationId + " shows its effect once it has.");
    }

    /** The amount in cents, as the offered event carries it; validation has bounded it to 12 digits and 2 decimals. */
    private static BigDecimal cents(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private java.util.Optional<OfferCase> offer(String applicationId) {
        return state.get(OfferTopology.OFFERS_STORE, applicationId);
    }

    private static ProblemException noOffer(String applicationId) {
        return ProblemException.notFound("offer", "No offer is drafted for application " + applicationId
                + ": it has not passed the interview, or the id is wrong.");
    }
}
