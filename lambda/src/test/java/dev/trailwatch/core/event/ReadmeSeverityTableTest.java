package dev.trailwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.event.OperationCatalog.Kind;
import dev.trailwatch.core.event.OperationCatalog.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's severity table and its lists of reads and checks, against the catalog. On a mismatch the failure
 * shows the lines the README should have.
 */
class ReadmeSeverityTableTest {

    private static List<String> readmeSection() throws IOException {
        List<String> lines = Files.readAllLines(OperationCatalogTest.repositoryRoot().resolve("README.md"),
                StandardCharsets.UTF_8);
        int start = lines.indexOf("## Mutating or not, and how bad");
        assertThat(start).as("the README's section 'Mutating or not, and how bad'").isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start, end);
    }

    static List<String> expectedRows() {
        return OperationCatalog.all().stream().filter(Operation::isWrite)
                .map(o -> "| `" + o.name() + "` | " + o.rating() + " | " + o.why() + " |")
                .toList();
    }

    static String expectedList(Kind kind) {
        return OperationCatalog.all().stream().filter(o -> o.kind() == kind)
                .map(o -> "`" + o.name() + "`").collect(Collectors.joining(", "));
    }

    @Test
    void theTableHasOneRowPerWriteOfTheCatalogWithItsRatingAndReason() throws IOException {
        List<String> rows = readmeSection().stream().filter(l -> l.startsWith("| `")).toList();

        assertThat(rows).as("README rows; expected:\n" + String.join("\n", expectedRows()))
                .containsExactlyElementsOf(expectedRows());
    }

    @Test
    void theReadsAndThePolicyChecksAreListedByName() throws IOException {
        List<String> section = readmeSection();

        assertThat(section).as("README line for reads").contains("Reads: " + expectedList(Kind.READ) + ".");
        assertThat(section).as("README line for policy checks")
                .contains("Policy checks: " + expectedList(Kind.CHECK) + ".");
    }
}
