package dev.trailwatch.local.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A TIME as given to {@code --from} / {@code --to}: a date (a whole day, UTC), an instant, or a time relative to
 * now ({@code 30d}, {@code 12h}, {@code 45m}: now minus that, to the second).
 */
public record TimeArgument(String text, LocalDate date, Instant instant) {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,7})([dhm])");

    /** The first second this TIME covers: a date's midnight, else the instant itself. */
    public Instant earliest() {
        return date != null ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : instant;
    }

    /** The last second this TIME covers: a date's 23:59:59, else the instant itself. */
    public Instant latest() {
        return date != null ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1) : instant;
    }

    /** Parses {@code value}; a relative time counts back from {@code clock}'s now. */
    public static TimeArgument parse(String value, Clock clock) {
        String text = value.trim();
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            Duration ago = switch (relative.group(2)) {
                case "d" -> Duration.ofDays(Long.parseLong(relative.group(1)));
                case "h" -> Duration.ofHours(Long.parseLong(relative.group(1)));
                default -> Duration.ofMinutes(Long.parseLong(relative.group(1)));
            };
            // To the second, as CloudTrail's times are.
            return new TimeArgument(value, null, clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(ago));
        }
        try {
            if (DATE.matcher(text).matches()) {
                return new TimeArgument(value, LocalDate.parse(text), null);
            }
            return new TimeArgument(value, null, OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a time: give an ISO-8601"
                    + " instant such as 2018-06-14T22:57:36Z, a date such as 2018-06-14, or a time ago such as"
                    + " 30d, 12h or 45m");
        }
    }

    /** picocli's converter: relative times count back from the system clock. */
    public static final class Converter implements CommandLine.ITypeConverter<TimeArgument> {
        @Override
        public TimeArgument convert(String value) {
            return parse(value, Clock.systemUTC());
        }
    }
}
