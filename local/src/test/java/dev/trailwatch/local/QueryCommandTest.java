package dev.trailwatch.local;

import static dev.trailwatch.local.ProcessCommandTest.eventIds;
import static dev.trailwatch.local.TrailFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {

    @TempDir
    static Path tmp;
    static Path db;
    static Path out;

    /** One database, written by two runs: the first day's folder, then the second day's. */
    @BeforeAll
    static void twoRunsIntoOneDatabase() {
        Path trail = goodTrail(tmp.resolve("trail"));
        db = tmp.resolve("db");
        out = tmp.resolve("out");
        assertThat(Cli.run("process", "--db", db.toString(), trail.resolve(DAY1).toString()).status()).isZero();
        assertThat(Cli.run("process", "--db", db.toString(), "--out", out.toString(), trail.resolve(DAY2).toString())
                .status()).isZero();
    }

    private static List<String> query(String... args) {
        List<String> all = new ArrayList<>(List.of("query", "--db", db.toString()));
        all.addAll(List.of(args));
        Cli.Result result = Cli.run(all.toArray(new String[0]));
        assertThat(result.status()).as(result.err()).isZero();
        return result.out().lines().toList();
    }

    @Test
    void aPrincipalsEventsFromBothRunsComeBackInTimeOrder() {
        assertThat(eventIds(query("--principal", ADMIN_ROLE)))
                .containsExactly(A_CREATE_ANALYZER, A_LIST_ANALYZERS, B_CREATE_ARCHIVE_RULE, C_UPDATE_FINDINGS);
        assertThat(eventIds(query("--principal", ALICE)))
                .containsExactly(A_DELETE_ANALYZER, B_GET_ANALYZER, C_VALIDATE_POLICY);
    }

    @Test
    void eachLineIsTheItemAsEventsJsonlWritesIt() {
        List<String> exported = Cli.lines(out.resolve("events.jsonl"));

        assertThat(exported).containsAll(query("--principal", ALICE));
    }

    @Test
    void fromAndToAreInclusiveToTheSecond() {
        assertThat(eventIds(query("--principal", ADMIN_ROLE, "--from", "2018-06-14T22:55:10Z",
                "--to", "2018-06-14T22:55:20Z"))).containsExactly(A_CREATE_ANALYZER, A_LIST_ANALYZERS);
        assertThat(eventIds(query("--principal", ADMIN_ROLE, "--from", "2018-06-14T22:55:11Z",
                "--to", "2018-06-14T23:00:04Z"))).containsExactly(A_LIST_ANALYZERS);
        assertThat(eventIds(query("--principal", ADMIN_ROLE, "--to", "2018-06-14T22:55:10Z")))
                .containsExactly(A_CREATE_ANALYZER);
    }

    @Test
    void aDateMeansTheWholeDayInUtc() {
        assertThat(eventIds(query("--principal", ADMIN_ROLE, "--to", "2018-06-14")))
                .containsExactly(A_CREATE_ANALYZER, A_LIST_ANALYZERS, B_CREATE_ARCHIVE_RULE);
        assertThat(eventIds(query("--principal", ADMIN_ROLE, "--from", "2018-06-15")))
                .containsExactly(C_UPDATE_FINDINGS);
        assertThat(eventIds(query("--principal", ADMIN_ROLE, "--from", "2018-06-14T23:00:00Z", "--to", "2018-06-14")))
                .containsExactly(B_CREATE_ARCHIVE_RULE);
        assertThat(query("--principal", ADMIN_ROLE, "--from", "2018-06-16")).isEmpty();
    }

    @Test
    void aTimeWithAnOffsetIsTheSameInstantInUtc() {
        assertThat(eventIds(query("--principal", ADMIN_ROLE, "--from", "2018-06-15T09:00:00+01:00")))
                .containsExactly(C_UPDATE_FINDINGS);
        assertThat(eventIds(query("--principal", ADMIN_ROLE, "--from", "2018-06-15T09:00:01+01:00"))).isEmpty();
    }

    @Test
    void nothingFoundPrintsNothingOnStdoutSaysSoOnStderrAndExitsZero() {
        Cli.Result result = Cli.run("query", "--db", db.toString(), "--principal", "arn:aws:iam::999999999999:user/Nobody");

        assertThat(result.status()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("no events for principal arn:aws:iam::999999999999:user/Nobody");
    }

    @Test
    void aFolderWithoutDatabaseIsAUsageErrorThatSaysToRunProcessFirst() {
        Path empty = tmp.resolve("never-written");

        Cli.Result result = Cli.run("query", "--db", empty.toString(), "--principal", ADMIN_ROLE);

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("no TrailWatch database in " + empty, "run 'trailwatch process");
        assertThat(empty).doesNotExist();
    }
}
