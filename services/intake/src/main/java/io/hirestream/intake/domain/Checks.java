package io.hirestream.intake.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
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

    /**
     * An address a mail server accepts (RFC 5321's mailbox, leaving out the rarely deliverable
     * forms such as address literals): a dot-atom or a quoted local part, then a dotted domain of
     * letter-digit-hyphen labels ending in a top-level domain of letters. No whitespace, no
     * {@code <>()[]\,;:} outside quotes, no control character anywhere.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "(?:[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
                    + "|\"(?:[^\"\\\\\\p{Cc}]|\\\\[^\\p{Cc}])*\")"
                    + "@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{L}{2,63}");

    private Checks() {
    }

    /** Required text of at most {@code maxLength} characters, stripped and NFC-normalized (one way to write "é"). */
    static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        String trimmed = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
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
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "is required");
        }
        String email = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new InvalidRequestException(field, "is not an email address a mail server would accept (such as ada@example.org):"
                    + " no spaces or line breaks, no <>()[]\\,;: outside quotes, a dotted domain");
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

    /**
     * A positive amount with at most 12 digits before the point and two after. Checked on precision
     * and scale alone, which cost nothing whatever the exponent, before any arithmetic or printing.
     */
    static BigDecimal money(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidRequestException(field, "is required");
        }
        if (value.signum() <= 0) {
            throw new InvalidRequestException(field, "must be positive");
        }
        if (value.precision() - value.scale() > 12) {
            throw new InvalidRequestException(field, "must have at most 12 digits before the decimal point");
        }
        if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            throw new InvalidRequestException(field, "must have at most two decimals");
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }
}
