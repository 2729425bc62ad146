package io.hirestream.offer.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How an offer is drafted: by experience within the band. Each year beyond the requisition's
 * minimum moves the offer a tenth of the way from the bottom of the band to the top, so ten
 * years beyond it reach the top; the amount is rounded down to a whole 100 and never leaves the
 * band. A recruiter may adjust it to any amount inside the band, never outside.
 */
public final class OfferRules {

    static final int YEARS_TO_TOP = 10;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private OfferRules() {
    }

    public static BigDecimal propose(Band band, int yearsOfExperience) {
        int beyond = Math.max(0, Math.min(YEARS_TO_TOP, yearsOfExperience - band.minYearsOfExperience()));
        BigDecimal span = band.max().subtract(band.min());
        BigDecimal raw = band.min().add(span.multiply(BigDecimal.valueOf(beyond)).divide(BigDecimal.valueOf(YEARS_TO_TOP), 2, RoundingMode.DOWN));
        BigDecimal rounded = raw.divide(HUNDRED, 0, RoundingMode.DOWN).multiply(HUNDRED);
        BigDecimal amount = rounded.max(band.min()).min(band.max());
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
