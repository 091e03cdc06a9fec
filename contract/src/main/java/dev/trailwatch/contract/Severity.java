package dev.trailwatch.contract;

import java.util.Locale;

/** How bad a mutating call is: which severities alert is a deploy choice (at least LOW, MEDIUM or HIGH). */
public enum Severity {
    LOW, MEDIUM, HIGH;

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Parses LOW, MEDIUM or HIGH in any case; anything else is a configuration error that names the value. */
    public static Severity parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("severity is empty; expected LOW, MEDIUM or HIGH");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + value + "'; expected LOW, MEDIUM or HIGH", e);
        }
    }
}
