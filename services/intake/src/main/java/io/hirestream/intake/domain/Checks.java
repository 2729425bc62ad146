package io.hirestream.intake.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The field checks intake applies, each failing with the field's name and what it must be. */
final class Checks {

    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final List<String> DEGREES = List.of("NONE", "BACHELORS", "MASTERS", "PHD");
    static final List<String> SOURCES = List.of("CAREERS_SITE", "REFERRAL", "JOB_BOARD", "AGENCY", "SOURCED", "OTHER");

    /** A practical address check: something@something.tld, no spaces, at most 254 characters. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private Checks() {
    }

    static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidRequestException(field, "must be at most " + maxLength + " characters, was " + trimmed.length());
        }
        return trimmed;
    }

    static int whole(String field, Integer value, int min, int max) {
        if (value == null) {
            throw new InvalidRequestException(field, "is required");
        }
        if (value < min || value > max) {
            throw new InvalidRequestException(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required, one of " + allowed);
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new InvalidRequestException(field, "must be one of " + allowed + ", was '" + value + "'");
        }
        return upper;
    }

    static String country(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required: an ISO 3166-1 alpha-2 code such as US");
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            throw new InvalidRequestException(field, "'" + value + "' is not an ISO 3166-1 alpha-2 country code (such as US, DE, IN)");
        }
        return upper;
    }

    static String email(String field, String value) {
        String email = text(field, value, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidRequestException(field, "'" + value + "' is not an email address");
        }
        return email;
    }

    static String currency(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required: an ISO 4217 code such as USD");
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(upper);
            return upper;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "'" + value + "' is not an ISO 4217 currency code (such as USD, EUR)");
        }
    }

    /** A positive amount with at most two decimals and at most ten digits before the point. */
    static BigDecimal money(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidRequestException(field, "is required");
        }
        if (value.signum() <= 0) {
            throw new InvalidRequestException(field, "must be positive, was " + value.toPlainString());
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new InvalidRequestException(field, "must have at most two decimals, was " + value.toPlainString());
        }
        if (value.precision() - value.scale() > 10) {
            throw new InvalidRequestException(field, "must be below 10,000,000,000, was " + value.toPlainString());
        }
        return value.setScale(2);
    }
}
