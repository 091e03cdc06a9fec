package dev.trailwatch.core.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** CloudTrail's time format: ISO-8601 UTC with seconds, e.g. {@code 2018-06-14T22:57:36Z}. */
public final class EventTimes {

    private EventTimes() {
    }

    /** Seconds precision, as CloudTrail writes it, so that sort keys compare as strings. */
    public static String format(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Accepts {@code Z} and numeric offsets; returns null for anything that is not a time. */
    public static Instant parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
