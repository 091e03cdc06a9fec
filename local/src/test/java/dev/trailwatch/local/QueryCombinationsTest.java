package dev.trailwatch.local;

import static dev.trailwatch.local.ProcessCommandTest.eventIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query} by principal, event name, account and severity, alone and together, over the {@code accounts}
 * fixture trail (two accounts, three principals): each answers with exactly the events that match all it was given.
 */
class QueryCombinationsTest {

    static final String ADMIN = "arn:aws:iam::111122223333:role/Admin";
    static final String ALICE = "arn:aws:iam::111122223333:user/Alice";
    static final String BOB = "arn:aws:iam::444455556666:user/Bob";

    // The fixture's events, by number: q(1) is ...0001.
    static String q(int n) {
        return String.format("9a000000-0000-4000-8000-0000000000%02d", n);
    }

    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void processTheFixture() {
        db = tmp.resolve("db");
        Cli.Result run = Cli.run("process", "--db", db.toString(), TrailFixture.resourceTrail("accounts").toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
    }

    static Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("query", "--db", db.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(new String[0]));
    }

    static List<String> query(String... args) {
        Cli.Result result = run(args);
        assertThat(result.status()).as(result.err()).isZero();
        return eventIds(result.out().lines().toList());
    }

    @Test
    void aPrincipalAloneGivesThatPrincipalsCallsInTimeOrder() {
        assertThat(query("--principal", ALICE)).containsExactly(q(3), q(4), q(6));
    }

    @Test
    void anEventNameAloneGivesThatCallByEveryPrincipalInEveryAccount() {
        assertThat(query("--event-name", "DeleteAnalyzer")).containsExactly(q(3), q(5), q(7));
    }

    @Test
    void anAccountAloneGivesEveryCallMadeInIt() {
        assertThat(query("--account", "444455556666")).containsExactly(q(7), q(8), q(9), q(10));
        assertThat(query("--account", "111122223333")).containsExactly(q(1), q(2), q(3), q(4), q(5), q(6));
    }

    @Test
    void aPrincipalAndAnEventNameGiveOnlyTheCallsMatchingBoth() {
        assertThat(query("--principal", ADMIN, "--event-name", "DeleteAnalyzer")).containsExactly(q(5));
    }

    @Test
    void anEventNameAndAnAccountGiveOnlyTheCallsMatchingBoth() {
        assertThat(query("--event-name", "DeleteAnalyzer", "--account", "111122223333")).containsExactly(q(3), q(5));
    }

    @Test
    void aPrincipalAndAnAccountItNeverCalledInGiveNothingAndSaySo() {
        Cli.Result result = run("--principal", ALICE, "--account", "444455556666");

        assertThat(result.status()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("no events for principal " + ALICE + ", account 444455556666 in " + db);
    }

    @Test
    void aSeverityKeepsTheMutatingCallsOfAtLeastThatLevelAndNoRead() {
        assertThat(query("--principal", ADMIN, "--severity", "LOW")).containsExactly(q(1), q(5));
        assertThat(query("--account", "111122223333", "--severity", "medium")).containsExactly(q(3), q(4), q(5));
        assertThat(query("--account", "444455556666", "--severity", "HIGH")).containsExactly(q(7), q(8));
    }

    @Test
    void allFourTogetherWithATimeRangeNarrowToTheOneCallMatchingEverything() {
        assertThat(query("--principal", ADMIN, "--event-name", "DeleteAnalyzer", "--account", "111122223333",
                "--severity", "HIGH", "--from", "2018-06-15", "--to", "2018-06-15T09:00:00Z")).containsExactly(q(5));
        assertThat(query("--event-name", "DeleteAnalyzer", "--from", "2018-06-14T11:00:01Z", "--to", "2018-06-15"))
                .containsExactly(q(5), q(7));
    }

    @Test
    void aTimeAgoCountsBackFromNow() {
        // The fixture's calls are from June 2018: within the last 100,000 days, none within the last 30.
        assertThat(query("--event-name", "DeleteAnalyzer", "--from", "100000d")).containsExactly(q(3), q(5), q(7));
        assertThat(query("--event-name", "DeleteAnalyzer", "--from", "30d")).isEmpty();
        assertThat(query("--event-name", "DeleteAnalyzer", "--to", "12h")).hasSize(3);
    }

    @Test
    void theTableFormatShowsAlignedColumnsWithTheResultOfEachCall() {
        Cli.Result result = run("--account", "111122223333", "--severity", "HIGH", "--format", "table");

        assertThat(result.status()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "TIME                  PRINCIPAL                             EVENT           SEVERITY  REGION     SOURCE IP      RESULT",
                "2018-06-14T11:00:00Z  arn:aws:iam::111122223333:user/Alice  DeleteAnalyzer  HIGH      us-east-1  198.51.100.20  OK",
                "2018-06-15T09:00:00Z  arn:aws:iam::111122223333:role/Admin  DeleteAnalyzer  HIGH      eu-west-1  192.0.2.10     AccessDenied");
    }

    @Test
    void theTableFormatNeverPassesAControlCharacterFromALogToTheTerminal() {
        Cli.Result result = run("--principal", BOB, "--event-name", "ListFindings", "--format", "table");

        assertThat(result.out()).doesNotContain("\u001b").contains("203.0.113.5?[2J<b>");
    }

    @Test
    void theJsonFormatIsTheDefaultAndEscapesWhatTheLogHeld() {
        Cli.Result json = run("--principal", BOB, "--event-name", "ListFindings", "--format", "json");

        assertThat(json.out()).isEqualTo(run("--principal", BOB, "--event-name", "ListFindings").out())
                .contains("\"sourceIPAddress\":\"203.0.113.5\\u001B[2J<b>\"").doesNotContain("\u001b");
    }
}
