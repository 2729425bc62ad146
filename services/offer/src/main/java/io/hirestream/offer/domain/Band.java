package io.hirestream.offer.domain;

import java.math.BigDecimal;

/**
 * A requisition's salary band and the experience it asks for.
 *
 * @param min                  lowest annual base salary
 * @param max                  highest annual base salary
 * @param currency             ISO 4217 code
 * @param minYearsOfExperience the requisition's minimum years
 */
public record Band(BigDecimal min, BigDecimal max, String currency, int minYearsOfExperience) {

    public boolean contains(BigDecimal amount) {
        return amount.compareTo(min) >= 0 && amount.compareTo(max) <= 0;
    }
}
