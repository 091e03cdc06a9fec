package dev.trailwatch.local;

import static dev.trailwatch.local.ProcessCommandTest.eventIds;
import static dev.trailwatch.local.QueryCombinationsTest.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts} lists every alerted event of the database, whichever run raised it, in time order. */
class AlertsCommandTest {

    @TempDir
    static Path tmp;
    static Path db;

    /** Two runs: the first account's files alerting on HIGH only, then the second account's on every severity. */
    @BeforeAll
    static void twoRunsRaiseAlerts() {
        db = tmp.resolve("db");
        Path trail = TrailFixture.resourceTrail("accounts").resolve("AWSLogs");
        assertThat(Cli.run("process", "--db", db.toString(), "--min-severity", "HIGH",
                trail.resolve("111122223333").toString()).status()).isZero();
        assertThat(Cli.run("process", "--db", db.toString(), trail.resolve("444455556666").toString()).status())
                .isZero();
    }

    static Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("alerts", "--db", db.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(new String[0]));
    }

    static List<String> alerts(String... args) {
        Cli.Result result = run(args);
        assertThat(result.status()).as(result.err()).isZero();
        return eventIds(result.out().lines().toList());
    }

    @Test
    void everyAlertedEventOfBothRunsComesBackInTimeOrderAndNothingThatDidNotAlert() {
        // q1 (LOW) and q4 (MEDIUM) were stored by the first run without an alert; reads never alert.
        assertThat(alerts()).containsExactly(q(3), q(5), q(7), q(8), q(9));
    }

    @Test
    void eachLineIsTheStoredItemWithWhenItsAlertWentOut() {
        String line = run("--to", "2018-06-14").out().lines().findFirst().orElseThrow();

        assertThat(ProcessCommandTest.json(line).get("eventID").asText()).isEqualTo(q(3));
        assertThat(ProcessCommandTest.json(line).get("alertSentAt").asText()).isNotEmpty();
        assertThat(ProcessCommandTest.json(line).get("alertMessageId").asText()).startsWith("local-");
    }

    @Test
    void severityAndTimeRangeNarrowTheList() {
        assertThat(alerts("--severity", "HIGH")).containsExactly(q(3), q(5), q(7), q(8));
        assertThat(alerts("--from", "2018-06-15", "--to", "2018-06-15T10:10:00Z"))
                .containsExactly(q(5), q(7), q(8));
        assertThat(alerts("--from", "100000d", "--to", "30d")).hasSize(5);
    }

    @Test
    void theTableFormatShowsOneAlignedRowPerAlert() {
        Cli.Result result = run("--format", "table", "--from", "2018-06-15T10:00:00Z");

        assertThat(result.out().lines()).containsExactly(
                "TIME                  PRINCIPAL                           EVENT              SEVERITY  REGION     SOURCE IP    RESULT",
                "2018-06-15T10:00:00Z  arn:aws:iam::444455556666:user/Bob  DeleteAnalyzer     HIGH      us-east-1  203.0.113.5  OK",
                "2018-06-15T10:10:00Z  arn:aws:iam::444455556666:user/Bob  CreateArchiveRule  HIGH      us-east-1  203.0.113.5  OK",
                "2018-06-15T10:20:00Z  arn:aws:iam::444455556666:user/Bob  TagResource        LOW       us-east-1  203.0.113.5  OK");
    }

    @Test
    void noAlertPrintsNothingAndSaysSo() {
        Cli.Result result = run("--to", "2018-06-13");

        assertThat(result.status()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("no alerts in that time range in " + db);
    }
}
