package dev.trailwatch.contract;

import java.util.Locale;

/**
 * How much of the event an email alert carries. {@code FULL}: the readable summary, then the event as JSON.
 * {@code SUMMARY}: the summary only, for teams that do not want request parameters leaving AWS over SMTP; the
 * stored item and the other subscribers (SQS, Lambda, HTTP) still have the whole event.
 */
public enum AlertDetail {
    FULL, SUMMARY;

    /** Parses {@code full} or {@code summary} in any case; anything else is a configuration error naming the value. */
    public static AlertDetail parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("alert detail is empty; expected full or summary");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown alert detail '" + value + "'; expected full or summary", e);
        }
    }

    /** The value as the stack and the function's environment spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
