package io.hirestream.offer.domain;

import java.math.BigDecimal;

/** What a recruiter's decision does to an offer, and whether it may. */
public final class Decisions {

    private Decisions() {
    }

    /** Why a decision may not be taken on the offer, or OK. */
    public static Check check(OfferCase offer, String action, BigDecimal amount) {
        if (offer == null) {
            return Check.NO_OFFER;
        }
        if (!offer.isDraft()) {
            return Check.NOT_A_DRAFT;
        }
        if (amount != null && !offer.band().contains(amount)) {
            return Check.OUTSIDE_BAND;
        }
        if ("ADJUST".equals(action) && amount == null) {
            return Check.AMOUNT_REQUIRED;
        }
        return Check.OK;
    }

    /** The offer after the decision; the same offer where the decision does not apply. */
    public static OfferCase apply(OfferCase offer, String action, BigDecimal amount, long at, String by) {
        if (check(offer, action, amount) != Check.OK) {
            return offer;
        }
        return switch (action) {
            case "APPROVE" -> offer.decided(OfferCase.EXTENDED, amount == null ? offer.baseSalary() : amount, at, by);
            case "ADJUST" -> offer.adjusted(amount);
            case "WITHDRAW" -> offer.decided(OfferCase.WITHDRAWN, offer.baseSalary(), at, by);
            default -> offer;
        };
    }

    /** The outcome of checking a decision. */
    public enum Check { OK, NO_OFFER, NOT_A_DRAFT, OUTSIDE_BAND, AMOUNT_REQUIRED }
}
