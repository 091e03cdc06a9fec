package dev.trailwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.Records;
import dev.trailwatch.core.event.Classification;
import dev.trailwatch.core.event.OperationCatalog;
import dev.trailwatch.core.event.PrincipalResolver;
import dev.trailwatch.core.event.SeverityClassifier;
import dev.trailwatch.core.event.TrailEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The head of the alert (subject, a blank line, then the lines before the first blank line of the message) for
 * each record under {@code alerts/records/}, against {@code alerts/<case>.txt}. One case per write operation of
 * the catalog, and more for the rules that read the request. Run with {@code -Dgolden.update=true} to rewrite the
 * files after a deliberate change, then read the diff.
 */
class GoldenAlertTest {

    private static final Path DIR = Path.of("src/test/resources/alerts");
    private final AlertFormatter formatter = new AlertFormatter("trailwatch-events");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR.resolve("records"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList().stream();
        }
    }

    static TrailEvent eventOf(String name) throws IOException {
        return Records.event(Records.json(Files.readString(DIR.resolve("records/" + name + ".json"))));
    }

    String head(TrailEvent event) {
        Classification classification = SeverityClassifier.classify(event);
        assertThat(classification.mutating()).as("a golden case must alert").isTrue();
        Alert alert = formatter.format(event, PrincipalResolver.principalOf(event.identity()), classification,
                "s3://trail-bucket/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/03/02/file.json.gz");
        List<String> lines = alert.message().lines().takeWhile(l -> !l.isEmpty()).toList();
        return alert.subject() + "\n\n" + String.join("\n", lines) + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theAlertOpensWithItsGoldenLines(String name) throws IOException {
        String actual = head(eventOf(name));
        Path golden = DIR.resolve(name + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }

        assertThat(golden).as("golden file for " + name).exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void everyWriteOfTheCatalogHasAGoldenAlert() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (String name : cases().toList()) {
            covered.add(eventOf(name).eventName());
        }
        Set<String> writes = OperationCatalog.all().stream().filter(OperationCatalog.Operation::isWrite)
                .map(OperationCatalog.Operation::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(covered).containsAll(writes);
    }

    @Test
    void everyGoldenFileHasItsRecord() throws IOException {
        Set<String> records = cases().collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length())))
                    .allSatisfy(n -> assertThat(records).as("record for " + n + ".txt").contains(n));
        }
    }
}
