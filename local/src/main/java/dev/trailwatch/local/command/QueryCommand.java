package dev.trailwatch.local.command;

import dev.trailwatch.contract.Severity;
import dev.trailwatch.local.TrailWatchCli;
import dev.trailwatch.local.VersionProvider;
import dev.trailwatch.local.output.EventPrinter;
import dev.trailwatch.local.store.EventQuery;
import dev.trailwatch.local.store.LocalDatabase;
import dev.trailwatch.local.store.TableReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trailwatch query [--principal ARN] [--event-name NAME] [--account ID] [--severity LEVEL] [--from TIME]
 * [--to TIME] [--format json|table] [--db DIR]}: one DynamoDB Query on the table or an index ({@link EventQuery}).
 */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
                "Prints the stored events of a principal, an event name or an account (at least one; together,"
                        + " events matching all), in time order: one JSON line each (the format of events.jsonl)"
                        + " or, with --format table, aligned columns. Prints nothing (and 'no events' on stderr)"
                        + " when nothing matches.",
                "TIME is an ISO-8601 instant (2018-06-14T22:57:36Z, or with an offset), a date (2018-06-14, UTC)"
                        + " or a time ago (30d, 12h, 45m: now minus that); both bounds are inclusive, to the"
                        + " second: --to 2018-06-14 includes that whole day."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the query ran (whether or not anything matched)",
                "1:an unexpected error (the message says what)",
                "2:usage error (none of --principal, --event-name, --account; bad TIME or LEVEL; no database in"
                        + " --db)"})
public final class QueryCommand implements Callable<Integer> {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--principal", paramLabel = "ARN",
            description = "The principal as stored: the role or user ARN behind a session, an IAM user or root ARN,"
                    + " service:<invokedBy> or account:<accountId>.")
    String principal;

    @Option(names = "--event-name", paramLabel = "NAME",
            description = "The call's eventName, e.g. DeleteAnalyzer (exact, case-sensitive).")
    String eventName;

    @Option(names = "--account", paramLabel = "ID",
            description = "The account the call was made in (recipientAccountId, 12 digits).")
    String account;

    @Option(names = "--severity", paramLabel = "LEVEL", converter = SeverityConverter.class,
            description = "Only mutating calls of at least this severity: LOW, MEDIUM or HIGH.")
    Severity severity;

    @Mixin
    TimeRangeOptions time;

    @Mixin
    FormatOption format;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        if (principal == null && eventName == null && account == null) {
            throw new ParameterException(cli, "give at least one of --principal, --event-name, --account");
        }
        notBlank(cli, "--principal", principal);
        notBlank(cli, "--event-name", eventName);
        notBlank(cli, "--account", account);
        if (account != null && !ACCOUNT_ID.matcher(account).matches()) {
            throw new ParameterException(cli, "--account " + account + " is not an account ID (12 digits)");
        }
        time.check(cli);
        EventQuery query = new EventQuery(principal, eventName, account, severity, time.fromKey(), time.toKey());
        try (LocalDatabase db = database.open(cli)) {
            EventPrinter printer = new EventPrinter(format.format, cli.getOut());
            long found = new TableReader(db.client(), db.tableName()).query(query, printer);
            printer.finish();
            if (found == 0) {
                cli.getErr().println("no events for " + describe() + (time.given() ? " in that time range" : "")
                        + " in " + database.dir());
                cli.getErr().flush();
            }
            return TrailWatchCli.OK;
        }
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        if (principal != null) {
            parts.add("principal " + principal);
        }
        if (eventName != null) {
            parts.add("event name " + eventName);
        }
        if (account != null) {
            parts.add("account " + account);
        }
        if (severity != null) {
            parts.add("severity " + severity + " or higher");
        }
        return String.join(", ", parts);
    }

    private static void notBlank(CommandLine cli, String option, String value) {
        if (value != null && value.isBlank()) {
            throw new ParameterException(cli, option + " must not be empty");
        }
    }
}
