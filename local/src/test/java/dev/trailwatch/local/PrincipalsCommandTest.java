package dev.trailwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalsCommandTest {

    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void processTheFixture() {
        db = tmp.resolve("db");
        assertThat(Cli.run("process", "--db", db.toString(), TrailFixture.resourceTrail("accounts").toString())
                .status()).isZero();
    }

    @Test
    void eachPrincipalIsOneJsonLineWithItsCallsMutatingCallsAndLastCall() {
        Cli.Result result = Cli.run("principals", "--db", db.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "{\"principal\":\"arn:aws:iam::111122223333:role/Admin\",\"calls\":3,\"mutating\":2,"
                        + "\"lastCall\":\"2018-06-15T09:00:00Z\"}",
                "{\"principal\":\"arn:aws:iam::111122223333:user/Alice\",\"calls\":3,\"mutating\":2,"
                        + "\"lastCall\":\"2018-06-15T09:30:00Z\"}",
                "{\"principal\":\"arn:aws:iam::444455556666:user/Bob\",\"calls\":4,\"mutating\":3,"
                        + "\"lastCall\":\"2018-06-15T10:30:00Z\"}");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theTableFormatLinesTheSameUpInColumns() {
        Cli.Result result = Cli.run("principals", "--db", db.toString(), "--format", "TABLE");

        assertThat(result.out().lines()).containsExactly(
                "PRINCIPAL                             CALLS  MUTATING  LAST CALL",
                "arn:aws:iam::111122223333:role/Admin  3      2         2018-06-15T09:00:00Z",
                "arn:aws:iam::111122223333:user/Alice  3      2         2018-06-15T09:30:00Z",
                "arn:aws:iam::444455556666:user/Bob    4      3         2018-06-15T10:30:00Z");
    }

    @Test
    void anEmptyDatabasePrintsNothingAndSaysSo() throws Exception {
        Path empty = tmp.resolve("empty-db");
        Path noLogs = Files.createDirectories(tmp.resolve("no-logs"));
        assertThat(Cli.run("process", "--db", empty.toString(), noLogs.toString()).status()).isZero();

        Cli.Result result = Cli.run("principals", "--db", empty.toString(), "--format", "table");

        assertThat(result.status()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("no events in " + empty + System.lineSeparator());
    }
}
