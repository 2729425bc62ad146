package io.hirestream.offer.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hirestream.offer.domain.OfferCase;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;

/** An offer on the wire; amounts are decimals with two places, never floating point. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OfferJson(String applicationId, String requisitionId, String role, String location, String status,
                        BigDecimal baseSalary, BigDecimal proposedSalary, String currency, BandJson band,
                        int yearsOfExperience, Instant draftedAt, Instant decidedAt, String decidedBy) {

    public static OfferJson of(OfferCase offer) {
        return new OfferJson(offer.applicationId(), offer.requisitionId(), offer.role(), offer.location(), offer.status(),
                offer.baseSalary(), offer.proposedSalary(), offer.currency(), new BandJson(offer.bandMin(), offer.bandMax()),
                offer.yearsOfExperience(), Instant.ofEpochMilli(offer.draftedAt()),
                offer.decidedAt() == 0 ? null : Instant.ofEpochMilli(offer.decidedAt()), offer.decidedBy());
    }

    /** The requisition's salary band. */
    @Serdeable
    public record BandJson(BigDecimal min, BigDecimal max) {
    }

    /** What a decision answers: the offer as the decision left it (what the offered event carries, for an approval). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DecisionJson(String decisionId, String applicationId, String action, String status, BigDecimal baseSalary,
                               String currency, String decidedBy) {
    }
}
