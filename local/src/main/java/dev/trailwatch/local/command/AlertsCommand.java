package dev.trailwatch.local.command;

import dev.trailwatch.contract.Severity;
import dev.trailwatch.local.TrailWatchCli;
import dev.trailwatch.local.VersionProvider;
import dev.trailwatch.local.output.EventPrinter;
import dev.trailwatch.local.store.AlertedEvents;
import dev.trailwatch.local.store.LocalDatabase;
import dev.trailwatch.local.store.TableReader;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code trailwatch alerts [--from TIME] [--to TIME] [--severity LEVEL] [--format json|table] [--db DIR]} */
@Command(name = "alerts",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
                "Prints every alerted event in the database (its alert went out, in whichever run), in time"
                        + " order: one JSON line each (the format of events.jsonl) or, with --format table,"
                        + " aligned columns. Prints nothing (and 'no alerts' on stderr) when there is none.",
                "TIME as for query: an ISO-8601 instant, a date (UTC) or a time ago (30d, 12h, 45m)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the table was read (whether or not anything matched)",
                "1:an unexpected error (the message says what)",
                "2:usage error (bad TIME, LEVEL or --format, no database in --db)"})
public final class AlertsCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--severity", paramLabel = "LEVEL", converter = SeverityConverter.class,
            description = "Only alerts of at least this severity: LOW, MEDIUM or HIGH.")
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
        time.check(cli);
        List<Map<String, AttributeValue>> alerted;
        try (LocalDatabase db = database.open(cli)) {
            alerted = new AlertedEvents(time.fromKey(), time.toKey(), severity)
                    .read(new TableReader(db.client(), db.tableName()));
        }
        EventPrinter printer = new EventPrinter(format.format, cli.getOut());
        alerted.forEach(printer);
        printer.finish();
        if (alerted.isEmpty()) {
            cli.getErr().println("no alerts" + (severity == null ? "" : " of severity " + severity + " or higher")
                    + (time.given() ? " in that time range" : "") + " in " + database.dir());
            cli.getErr().flush();
        }
        return TrailWatchCli.OK;
    }
}
