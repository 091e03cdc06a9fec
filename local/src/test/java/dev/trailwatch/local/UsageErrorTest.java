package dev.trailwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.local.store.LocalDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every usage error exits 2 with one clear line on stderr, and touches nothing. */
class UsageErrorTest {

    @TempDir
    Path tmp;

    private Cli.Result usageError(String... args) {
        Cli.Result result = Cli.run(args);
        assertThat(result.status()).as(result.err()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        return result;
    }

    @Test
    void processWithoutPathIsAUsageError() {
        assertThat(usageError("process", "--in-memory").err())
                .startsWith("trailwatch: Missing required parameter: 'PATH'")
                .contains("Run 'trailwatch process --help' for usage.");
    }

    @Test
    void aPathThatDoesNotExistIsAUsageErrorNamingIt() {
        Path missing = tmp.resolve("no-such-folder");

        assertThat(usageError("process", "--in-memory", tmp.toString(), missing.toString()).err())
                .startsWith("trailwatch: PATH " + missing + " does not exist");
    }

    @Test
    void dbAndInMemoryTogetherAreAUsageError() {
        assertThat(usageError("process", "--db", tmp.resolve("db").toString(), "--in-memory", tmp.toString()).err())
                .contains("--db=DIR, --in-memory are mutually exclusive");
        assertThat(tmp.resolve("db")).doesNotExist();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(usageError("process", "--in-memory", "--colour", tmp.toString()).err())
                .startsWith("trailwatch: Unknown option: '--colour'");
    }

    @Test
    void queryWithoutPrincipalEventNameOrAccountIsAUsageError() {
        assertThat(usageError("query", "--db", tmp.toString(), "--severity", "HIGH").err())
                .startsWith("trailwatch: give at least one of --principal, --event-name, --account");
    }

    @Test
    void anAccountThatIsNotTwelveDigitsIsAUsageError() {
        assertThat(usageError("query", "--db", tmp.toString(), "--account", "1111-2222-3333").err())
                .startsWith("trailwatch: --account 1111-2222-3333 is not an account ID (12 digits)");
    }

    @Test
    void anUnknownFormatIsAUsageErrorThatNamesBoth() {
        assertThat(usageError("query", "--db", tmp.toString(), "--account", "111122223333", "--format", "xml").err())
                .contains("'xml' is not a format: give json or table");
    }

    @Test
    void anUnparsableTimeIsAUsageErrorThatShowsTheFormats() {
        assertThat(usageError("query", "--principal", "arn:aws:iam::111122223333:user/Alice", "--from", "yesterday",
                "--db", tmp.toString()).err())
                .contains("'yesterday' is not a time", "2018-06-14T22:57:36Z", "2018-06-14");
    }

    @Test
    void fromAfterToIsAUsageError() {
        assertThat(usageError("query", "--principal", "arn:aws:iam::111122223333:user/Alice",
                "--from", "2018-06-15", "--to", "2018-06-14", "--db", tmp.toString()).err())
                .contains("--from 2018-06-15 is after --to 2018-06-14");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(usageError().err()).contains("Missing subcommand");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(usageError("process", "--in-memory", "--threads", "0", tmp.toString()).err())
                .contains("--threads must be between 1 and 16");
        assertThat(usageError("process", "--in-memory", "--min-severity", "CRITICAL", tmp.toString()).err())
                .contains("unknown severity 'CRITICAL'");
    }

    @Test
    void aDatabaseInUseStopsTheRunWithItsErrorAndLeavesAnEarlierRunsOutputAsItWas() throws Exception {
        Path db = tmp.resolve("db");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("alerts.jsonl"), "{\"from\":\"an earlier run\"}\n");
        Path sampleTrail = Path.of(System.getProperty("trailwatch.sampleTrail", "../events/trail")).toAbsolutePath();

        // The database opens while the first files are read: its error must still stop the run, and nothing of it
        // may be written, alerts.jsonl above all (it is emptied only once the database is open).
        try (LocalDatabase held = LocalDatabase.openForWriting(db)) {
            assertThat(usageError("process", "--db", db.toString(), "--out", out.toString(), sampleTrail.toString())
                    .err()).contains("is in use by another trailwatch run");
        }

        assertThat(Files.readString(out.resolve("alerts.jsonl"))).isEqualTo("{\"from\":\"an earlier run\"}\n");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("alerts.jsonl");
        }
    }

    @Test
    void aDbThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");

        assertThat(usageError("process", "--db", file.toString(), tmp.toString()).err())
                .contains("--db " + file + ": cannot create the folder");
    }

    @Test
    void helpAndVersionExitZero() {
        Cli.Result help = Cli.run("process", "--help");
        Cli.Result version = Cli.run("--version");

        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--db=DIR", "--in-memory", "--out=DIR", "PATH...", "Exit status:");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("trailwatch ").doesNotContain("${");
    }

    @Test
    void reportWithoutHtmlIsAUsageError() {
        assertThat(usageError("report", "--db", tmp.toString()).err())
                .startsWith("trailwatch: Missing required option: '--html=FILE'");
    }

    @Test
    void theTopLevelHelpListsEveryCommand() {
        Cli.Result help = Cli.run("--help");

        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("process", "query", "principals", "alerts", "report");
    }
}
