package dev.trailwatch.local.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.local.TrailWatchCli;
import dev.trailwatch.local.VersionProvider;
import dev.trailwatch.local.output.Format;
import dev.trailwatch.local.output.Json;
import dev.trailwatch.local.output.TextTable;
import dev.trailwatch.local.store.LocalDatabase;
import dev.trailwatch.local.store.PrincipalSummary;
import dev.trailwatch.local.store.TableReader;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code trailwatch principals [--db DIR] [--format json|table]} */
@Command(name = "principals",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = "Prints one line per principal in the database: its calls, how many of them mutating, and"
                + " the time of its last call. Prints nothing (and 'no events' on stderr) for an empty database.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the table was read (whether or not it holds anything)",
                "1:an unexpected error (the message says what)",
                "2:usage error (bad --format, no database in --db)"})
public final class PrincipalsCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    FormatOption format;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        List<PrincipalSummary> rows;
        try (LocalDatabase db = database.open(cli)) {
            rows = PrincipalSummary.read(new TableReader(db.client(), db.tableName()));
        }
        PrintWriter out = cli.getOut();
        if (format.format == Format.JSON) {
            ObjectMapper mapper = Json.mapper();
            for (PrincipalSummary row : rows) {
                ObjectNode line = mapper.createObjectNode();
                line.put("principal", row.principal());
                line.put("calls", row.calls());
                line.put("mutating", row.mutating());
                line.put("lastCall", row.lastCall());
                out.println(mapper.writeValueAsString(line));
            }
        } else {
            TextTable table = new TextTable("PRINCIPAL", "CALLS", "MUTATING", "LAST CALL");
            rows.forEach(r -> table.add(r.principal(), Long.toString(r.calls()), Long.toString(r.mutating()),
                    r.lastCall()));
            table.print(out);
        }
        out.flush();
        if (rows.isEmpty()) {
            cli.getErr().println("no events in " + database.dir());
            cli.getErr().flush();
        }
        return TrailWatchCli.OK;
    }
}
