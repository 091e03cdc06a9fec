package dev.trailwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code context} object of {@code alerts.jsonl}: what the table held of the principal when the alert was made. */
class AlertContextTest {

    @TempDir
    Path tmp;

    private static Path sampleTrail() {
        return Path.of(System.getProperty("trailwatch.sampleTrail", "../events/trail")).toAbsolutePath();
    }

    /** Each alert's context by eventID, in the order of the file. */
    private Map<String, JsonNode> contexts(String threads, Path trail) {
        Path out = tmp.resolve("out-" + threads);
        Cli.Result run = Cli.run("process", "--in-memory", "--threads", threads, "--out", out.toString(),
                trail.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Map<String, JsonNode> contexts = new LinkedHashMap<>();
        for (String line : Cli.lines(out.resolve("alerts.jsonl"))) {
            JsonNode alert = ProcessCommandTest.json(line);
            contexts.put(alert.get("eventID").asText(), alert.get("context"));
        }
        return contexts;
    }

    @Test
    void aSecondDeleteAnalyzerFromANewAddressListsTheFirstAndCountsItAsTheSameAlert() {
        Map<String, JsonNode> contexts = contexts("1", TrailFixture.resourceTrail("context"));

        assertThat(contexts).containsOnlyKeys(
                "c0000000-0000-4000-8000-000000000002", "c0000000-0000-4000-8000-000000000003");
        assertThat(contexts.get("c0000000-0000-4000-8000-000000000002")).isEqualTo(ProcessCommandTest.json("""
                {"previousCalls":[{"eventTime":"2018-06-15T09:58:00Z","eventName":"ListAnalyzers"}],
                 "firstCallByPrincipal":false,"firstCallFromSourceIp":false,"sameAlertsLast24h":0}"""));
        assertThat(contexts.get("c0000000-0000-4000-8000-000000000003")).isEqualTo(ProcessCommandTest.json("""
                {"previousCalls":[{"eventTime":"2018-06-15T10:00:00Z","eventName":"DeleteAnalyzer"},
                                  {"eventTime":"2018-06-15T09:58:00Z","eventName":"ListAnalyzers"}],
                 "firstCallByPrincipal":false,"firstCallFromSourceIp":true,"sameAlertsLast24h":1}"""));
    }

    @Test
    void theContextFieldsAreExactlyThoseOfTheContract() {
        JsonNode context = contexts("1", TrailFixture.resourceTrail("context")).values().iterator().next();

        assertThat(ProcessCommandTest.fieldNames(context)).containsExactly(
                "previousCalls", "firstCallByPrincipal", "firstCallFromSourceIp", "sameAlertsLast24h");
        assertThat(ProcessCommandTest.fieldNames(context.get("previousCalls").get(0)))
                .containsExactly("eventTime", "eventName");
    }

    @Test
    void theSampleDumpsContextsAreTheSameWithOneThreadAndWithFour() {
        Map<String, JsonNode> one = contexts("1", sampleTrail());
        Map<String, JsonNode> four = contexts("4", sampleTrail());

        assertThat(four).isEqualTo(one);
        // Not trivially equal: the dump has principals' first calls and repeat callers both.
        List<JsonNode> all = List.copyOf(one.values());
        assertThat(all).anySatisfy(c -> assertThat(c.get("firstCallByPrincipal").asBoolean()).isTrue())
                .anySatisfy(c -> assertThat(c.get("previousCalls")).isNotEmpty());
    }
}
