package dev.trailwatch.local.command;

import dev.trailwatch.local.TrailWatchCli;
import dev.trailwatch.local.VersionProvider;
import dev.trailwatch.local.report.ReportEvent;
import dev.trailwatch.local.report.ReportPage;
import dev.trailwatch.local.store.LocalDatabase;
import dev.trailwatch.local.store.TableReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trailwatch report --html FILE [--db DIR]} */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = "Writes one self-contained HTML page about the database: a timeline of calls per principal"
                + " (mutating calls marked by severity), the HIGH alerts, and calls per account and per region."
                + " It loads nothing from anywhere (inline CSS and SVG, no script).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the page was written",
                "1:an unexpected error (the message says what)",
                "2:usage error (no --html, a FILE that cannot be written, no database in --db)"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--html", paramLabel = "FILE", required = true,
            description = "Where to write the page (replaced whole, or not at all).")
    Path html;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        Path parent = html.toAbsolutePath().getParent();
        if (Files.isDirectory(html) || parent == null || !Files.isDirectory(parent)) {
            throw new ParameterException(cli, "--html " + html + ": "
                    + (Files.isDirectory(html) ? "is a folder" : "its folder does not exist"));
        }
        List<ReportEvent> events;
        try (LocalDatabase db = database.open(cli)) {
            events = ReportEvent.readAll(new TableReader(db.client(), db.tableName()));
        }
        String page = ReportPage.render(events, database.dir().toString(), Clock.systemUTC().instant());
        Path tmp = html.resolveSibling(html.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, page, StandardCharsets.UTF_8);
            Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The message below is what matters.
            }
            throw new ParameterException(cli, "--html " + html + ": cannot write it (" + e.getMessage() + ")");
        }
        cli.getOut().println("report written to " + html + " (" + events.size() + " events, "
                + events.stream().map(ReportEvent::principal).distinct().count() + " principals)");
        cli.getOut().flush();
        return TrailWatchCli.OK;
    }
}
