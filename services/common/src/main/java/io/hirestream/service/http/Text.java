package io.hirestream.service.http;

/**
 * Patterns for {@code @Pattern} on request fields, so that every route refuses the same
 * characters in the same way.
 */
public final class Text {

    /** One line of text: no control character at all (no line break, tab, NUL, escape...). */
    public static final String SINGLE_LINE = "\\P{Cc}*";

    /** Free text over several lines: line breaks and tabs, but no other control character. */
    public static final String MULTI_LINE = "[\\P{Cc}\\n\\r\\t]*";

    public static final String SINGLE_LINE_MESSAGE = "must be one line of text without control characters";
    public static final String MULTI_LINE_MESSAGE = "must be text without control characters other than line breaks and tabs";

    private Text() {
    }
}
