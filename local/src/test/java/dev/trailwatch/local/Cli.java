package dev.trailwatch.local;

import dev.trailwatch.local.command.ProcessCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in this JVM, as {@code main} would but without {@code System.exit}. */
public final class Cli {

    public record Result(int status, String out, String err) {
    }

    private Cli() {
    }

    public static Result run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** As {@link #run}, with stderr taken for a terminal: the progress line is drawn. */
    public static Result runWithStderrOnATerminal(String... args) {
        CommandLine.IFactory terminal = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == ProcessCommand.class ? cls.cast(new ProcessCommand(Clock.systemUTC(), () -> true))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        return run(terminal, args);
    }

    private static Result run(CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TrailWatchCli.commandLine(factory)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
