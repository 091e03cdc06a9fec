package dev.trailwatch.local.command;

import dev.trailwatch.core.event.EventTimes;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --from TIME --to TIME}, both inclusive to the second, as bounds of the sort key {@code eventTimeId}
 * (eventTime#eventID, eventTime to the second): the lower bound is the bare time, which sorts before every key of
 * that second; the upper bound is the time followed by '$', which sorts after every key of that second ('$' comes
 * right after '#') and before every later second.
 */
final class TimeRangeOptions {

    @Option(names = "--from", paramLabel = "TIME", converter = TimeArgument.Converter.class,
            description = "Earliest event time (inclusive).")
    TimeArgument from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeArgument.Converter.class,
            description = "Latest event time (inclusive; a date means the end of that day).")
    TimeArgument to;

    String fromKey() {
        return from == null ? null : EventTimes.format(from.earliest());
    }

    String toKey() {
        return to == null ? null : EventTimes.format(to.latest()) + "$";
    }

    boolean given() {
        return from != null || to != null;
    }

    /** --from after --to is a usage error: it would match nothing, surely not what was meant. */
    void check(CommandLine cli) {
        if (from != null && to != null && fromKey().compareTo(toKey()) > 0) {
            throw new ParameterException(cli, "--from " + from.text() + " is after --to " + to.text());
        }
    }
}
