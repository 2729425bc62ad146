package io.hirestream.offer.domain;

import java.math.BigDecimal;

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
 */
public record OfferCase(String applicationId, String requisitionId, String role, String location, String currency,
                        BigDecimal bandMin, BigDecimal bandMax, int yearsOfExperience, BigDecimal proposedSalary,
                        BigDecimal baseSalary, String status, long draftedAt, long decidedAt, String decidedBy) {

    public static final String DRAFT = "DRAFT";
    public static final String EXTENDED = "EXTENDED";
    public static final String WITHDRAWN = "WITHDRAWN";

    public Band band() {
        return new Band(bandMin, bandMax, currency, 0);
    }

    public boolean isDraft() {
        return DRAFT.equals(status);
    }

    public OfferCase adjusted(BigDecimal amount) {
        return new OfferCase(applicationId, requisitionId, role, location, currency, bandMin, bandMax, yearsOfExperience,
                proposedSalary, amount, status, draftedAt, decidedAt, decidedBy);
    }

    public OfferCase decided(String newStatus, BigDecimal amount, long at, String by) {
        return new OfferCase(applicationId, requisitionId, role, location, currency, bandMin, bandMax, yearsOfExperience,
                proposedSalary, amount, newStatus, draftedAt, at, by);
    }
}
