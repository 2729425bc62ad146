package io.hirestream.offer.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An application's offer: drafted when it passes the interview, then extended or withdrawn.
 *
 * @param applicationId        the application
 * @param requisitionId        its requisition
 * @param role                 carried to the offered event unchanged
 * @param location             carried to the offered event unchanged
 * @param currency             the band's currency
 * @param bandMin              the band's bottom
 * @param bandMax              the band's top
 * @param yearsOfExperience    what the applicant stated
 * @param proposedSalary       what the drafting rule proposed
 * @param baseSalary           the amount as it stands (proposed, or adjusted)
 * @param status               DRAFT, EXTENDED or WITHDRAWN
 * @param draftedAt            epoch milliseconds
 * @param decidedAt            when extended or withdrawn, else 0
 * @param decidedBy            who extended or withdrew it, else null
 * @param decisions            the outcome of the last {@value #RECENT_DECISIONS} decisions taken in, by
 *                             decision id: {@link #APPLIED} or {@link #REFUSED}; how a request that
 *                             wrote a decision learns what became of it
 */
public record OfferCase(String applicationId, String requisitionId, String role, String location, String currency,
                        BigDecimal bandMin, BigDecimal bandMax, int yearsOfExperience, BigDecimal proposedSalary,
                        BigDecimal baseSalary, String status, long draftedAt, long decidedAt, String decidedBy,
                        Map<String, String> decisions) {

    public static final String DRAFT = "DRAFT";
    public static final String EXTENDED = "EXTENDED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String APPLIED = "APPLIED";
    public static final String REFUSED = "REFUSED";
    public static final int RECENT_DECISIONS = 20;

    public OfferCase {
        // Offers stored before decisions were remembered read without them.
        decisions = decisions == null ? Map.of() : decisions;
    }

    /** What became of the decision, if this offer has taken it in. */
    public Optional<String> outcomeOf(String decisionId) {
        return Optional.ofNullable(decisions.get(decisionId));
    }

    /** This offer, remembering the outcome of one more decision (and forgetting the oldest beyond the last 20). */
    public OfferCase withOutcome(String decisionId, String outcome) {
        LinkedHashMap<String, String> recent = new LinkedHashMap<>(decisions);
        recent.put(decisionId, outcome);
        while (recent.size() > RECENT_DECISIONS) {
            recent.remove(recent.keySet().iterator().next());
        }
        return new OfferCase(applicationId, requisitionId, role, location, currency, bandMin, bandMax, yearsOfExperience,
                proposedSalary, baseSalary, status, draftedAt, decidedAt, decidedBy, recent);
    }

    public Band band() {
        return new Band(bandMin, bandMax, currency, 0);
    }

    public boolean isDraft() {
        return DRAFT.equals(status);
    }

    public OfferCase adjusted(BigDecimal amount) {
        return new OfferCase(applicationId, requisitionId, role, location, currency, bandMin, bandMax, yearsOfExperience,
                proposedSalary, amount, status, draftedAt, decidedAt, decidedBy, decisions);
    }

    public OfferCase decided(String newStatus, BigDecimal amount, long at, String by) {
        return new OfferCase(applicationId, requisitionId, role, location, currency, bandMin, bandMax, yearsOfExperience,
                proposedSalary, amount, newStatus, draftedAt, at, by, decisions);
    }
}
