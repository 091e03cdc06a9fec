package dev.trailwatch.local;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import dev.trailwatch.local.command.AlertsCommand;
import dev.trailwatch.local.command.PrincipalsCommand;
import dev.trailwatch.local.command.ProcessCommand;
import dev.trailwatch.local.command.QueryCommand;
import dev.trailwatch.local.command.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trailwatch}: the local runner. Runs the processing core over log files on disk, with DynamoDB Local
 * embedded, and writes alerts to files instead of publishing them. Its flags, files and exit codes are a public
 * contract (local/README.md).
 */
@Command(name = "trailwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs TrailWatch over CloudTrail log files on disk, with DynamoDB Local embedded.",
        subcommands = {ProcessCommand.class, QueryCommand.class, PrincipalsCommand.class,
                AlertsCommand.class, ReportCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:nothing failed",
                "1:a file failed or a record was rejected",
                "2:usage error (bad option, missing PATH, unusable --db or --out)"})
public final class TrailWatchCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: a usage error that lists them. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing subcommand: give 'process', 'query', 'principals', 'alerts' or 'report'");
    }

    /** The configured command line; tests call {@code execute} on it with their own out and err writers. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The same, with the commands made by {@code factory} (tests give a terminal to the progress line). */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(new TrailWatchCli(), factory);
        cli.setExitCodeExceptionMapper(TrailWatchCli::exitCodeOf);
        cli.setParameterExceptionHandler(TrailWatchCli::usageError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ParameterException pe) {
                return usageError(pe, parseResult.originalArgs().toArray(new String[0]));
            }
            PrintWriter err = commandLine.getErr();
            err.println("trailwatch: error: " + describe(e));
            err.flush();
            return FAILED;
        });
        return cli;
    }

    public static void main(String[] args) {
        int status;
        try {
            // UTF-8 whatever the locale: query's JSON lines and the summary's file names must come through whole.
            status = commandLine()
                    .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                    .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
                    .execute(args);
        } catch (Throwable t) {
            // Nothing should reach here; if it does, say so in one line and still end the JVM.
            System.err.println("trailwatch: error: " + describe(t));
            status = FAILED;
        }
        // DynamoDB Local's threads are not daemons: the JVM would never exit by itself, so always end explicitly.
        System.exit(status);
    }

    static int exitCodeOf(Throwable t) {
        return t instanceof ParameterException ? USAGE : FAILED;
    }

    /** A usage error: one clear line naming the problem, a pointer to the help, exit status 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("trailwatch: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        err.flush();
        return USAGE;
    }

    public static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : message;
    }
}
