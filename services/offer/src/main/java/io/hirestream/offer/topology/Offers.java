package io.hirestream.offer.topology;

import io.hirestream.events.OfferExtended;
import io.hirestream.offer.domain.OfferCase;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** The offered event of an extended offer. */
final class Offers {

    static final String AUTO_APPROVE = "auto-approve";

    private Offers() {
    }

    static OfferExtended extended(OfferCase offer) {
        return OfferExtended.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("offered:" + offer.applicationId()).getBytes(StandardCharsets.UTF_8)).toString())
                .setApplicationId(offer.applicationId())
                .setRequisitionId(offer.requisitionId())
                .setRole(offer.role())
                .setLocation(offer.location())
                .setOccurredAt(Instant.ofEpochMilli(offer.decidedAt()))
                .setBaseSalary(offer.baseSalary())
                .setCurrency(offer.currency())
                .setApprovedBy(AUTO_APPROVE.equals(offer.decidedBy()) ? null : offer.decidedBy())
                .build();
    }
}
