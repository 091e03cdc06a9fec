package dev.trailwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.Records;
import dev.trailwatch.core.event.Classification;
import dev.trailwatch.core.event.OperationCatalog;
import dev.trailwatch.core.event.PrincipalResolver;
import dev.trailwatch.core.event.SeverityClassifier;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.store.AnalyzerSetup;
import dev.trailwatch.core.store.CallHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The head of the alert (subject, a blank line, then the lines before the first blank line of the message, and
 * the "Before this" block when there is one) for each record under {@code alerts/records/}, against
 * {@code alerts/<case>.txt}. One case per write operation of the catalog, and more for the rules that read the
 * request and for the context. A case's context, when it has one, is {@code alerts/context/<case>.json}: the
 * principal's history ({@code history}, the fields of alerts.jsonl's {@code context}) and, for an UpdateAnalyzer,
 * the analyzer's last stored setup ({@code lastSetup}). Run with {@code -Dgolden.update=true} to rewrite the
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

    /** The history and last setup of {@code alerts/context/<name>.json}; nulls when the case has no context. */
    static Context contextOf(String name) throws IOException {
        Path file = DIR.resolve("context/" + name + ".json");
        if (!Files.exists(file)) {
            return new Context(null, null);
        }
        JsonNode json = Records.json(Files.readString(file));
        JsonNode h = json.get("history");
        CallHistory history = null;
        if (h != null) {
            List<CallHistory.PastCall> previous = new ArrayList<>();
            for (JsonNode call : h.get("previousCalls")) {
                previous.add(new CallHistory.PastCall(Instant.parse(call.get("eventTime").asText()),
                        call.get("eventName").asText()));
            }
            history = new CallHistory(previous, h.get("firstCallByPrincipal").asBoolean(),
                    h.get("firstCallFromSourceIp").asBoolean(), h.get("sameAlertsLast24h").asLong());
        }
        JsonNode s = json.get("lastSetup");
        AnalyzerSetup lastSetup = s == null ? null : new AnalyzerSetup(s.get("eventName").asText(),
                Instant.parse(s.get("eventTime").asText()), s.get("requestParameters"));
        return new Context(history, lastSetup);
    }

    record Context(CallHistory history, AnalyzerSetup lastSetup) {
    }

    String head(TrailEvent event, Context context) {
        Classification classification = SeverityClassifier.classify(event);
        assertThat(classification.mutating()).as("a golden case must alert").isTrue();
        Alert alert = formatter.format(event, PrincipalResolver.principalOf(event.identity()), classification,
                "s3://trail-bucket/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/03/02/file.json.gz",
                context.history(), context.lastSetup());
        assertThat(alert.context()).isEqualTo(context.history());
        List<String> paragraphs = List.of(alert.message().split("\n\n"));
        String head = alert.subject() + "\n\n" + paragraphs.get(0) + "\n";
        if (paragraphs.get(1).startsWith("Before this:")) {
            head += "\n" + paragraphs.get(1) + "\n";
        }
        return head;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theAlertOpensWithItsGoldenLines(String name) throws IOException {
        String actual = head(eventOf(name), contextOf(name));
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
    void everyContextHasItsRecord() throws IOException {
        Set<String> records = cases().collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(DIR.resolve("context"))) {
            assertThat(files.map(p -> p.getFileName().toString()).map(n -> n.substring(0, n.length() - ".json".length())))
                    .isNotEmpty()
                    .allSatisfy(n -> assertThat(records).as("record for context/" + n + ".json").contains(n));
        }
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
