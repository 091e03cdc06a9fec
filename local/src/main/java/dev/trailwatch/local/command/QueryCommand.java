package dev.trailwatch.local.command;

import dev.trailwatch.core.event.EventTimes;
import dev.trailwatch.local.TrailWatchCli;
import dev.trailwatch.local.VersionProvider;
import dev.trailwatch.local.output.ItemJson;
import dev.trailwatch.local.output.Json;
import dev.trailwatch.local.store.LocalDatabase;
import dev.trailwatch.local.store.TableReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trailwatch query --principal ARN [--from TIME] [--to TIME] [--db DIR]} */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
                "Prints what one principal did, one JSON line per stored event (the format of events.jsonl),"
                        + " in time order. Prints nothing (and 'no events' on stderr) when nothing matches.",
                "TIME is an ISO-8601 instant (2018-06-14T22:57:36Z, or with an offset) or a date (2018-06-14, UTC);"
                        + " both bounds are inclusive, to the second: --to 2018-06-14 includes that whole day."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the query ran (whether or not anything matched)",
                "1:an unexpected error (the message says what)",
                "2:usage error (missing --principal, bad TIME, no database in --db)"})
public final class QueryCommand implements Callable<Integer> {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--principal", paramLabel = "ARN", required = true,
            description = "The principal as stored: the role or user ARN behind a session, an IAM user or root ARN,"
                    + " service:<invokedBy> or account:<accountId>.")
    String principal;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Earliest event time (inclusive).")
    TimeArgument from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Latest event time (inclusive; a date means the end of that day).")
    TimeArgument to;

    @Option(names = "--db", paramLabel = "DIR",
            description = "Folder of the database written by 'process'. Default: trailwatch-db in the current"
                    + " directory.")
    Path db;

    /** A TIME as given: a date (a whole day, UTC) or an instant. */
    public record TimeArgument(String text, LocalDate date, Instant instant) {

        Instant earliest() {
            return date != null ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : instant;
        }

        Instant latest() {
            return date != null ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1) : instant;
        }
    }

    public static final class TimeConverter implements CommandLine.ITypeConverter<TimeArgument> {
        @Override
        public TimeArgument convert(String value) {
            String text = value.trim();
            try {
                if (DATE.matcher(text).matches()) {
                    return new TimeArgument(value, LocalDate.parse(text), null);
                }
                return new TimeArgument(value, null, OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a time: give an ISO-8601"
                        + " instant such as 2018-06-14T22:57:36Z or a date such as 2018-06-14");
            }
        }
    }

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        if (principal.isBlank()) {
            throw new ParameterException(cli, "--principal must not be empty");
        }
        // Sort keys are eventTime#eventID with eventTime to the second: the lower bound is the bare time (it
        // sorts before every key of that second), the upper bound the time followed by '$', which sorts after
        // every key of that second ('$' comes right after '#') and before every later second.
        String lower = from == null ? null : EventTimes.format(from.earliest());
        String upper = to == null ? null : EventTimes.format(to.latest()) + "$";
        if (lower != null && upper != null && lower.compareTo(upper) > 0) {
            throw new ParameterException(cli, "--from " + from.text() + " is after --to " + to.text());
        }
        Path dir = db == null ? LocalDatabase.DEFAULT_DIR : db;
        LocalDatabase database;
        try {
            database = LocalDatabase.openForReading(dir);
        } catch (LocalDatabase.UnusableException e) {
            throw new ParameterException(cli, e.getMessage());
        }
        try (database) {
            PrintWriter out = cli.getOut();
            ItemJson json = new ItemJson(Json.mapper());
            long found = new TableReader(database.client(), database.tableName())
                    .query(principal, lower, upper, item -> out.println(json.toLine(item)));
            out.flush();
            if (found == 0) {
                PrintWriter err = cli.getErr();
                err.println("no events for principal " + principal
                        + (from == null && to == null ? "" : " in that time range") + " in " + dir);
                err.flush();
            }
            return TrailWatchCli.OK;
        }
    }
}
