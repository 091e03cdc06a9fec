package dev.trailwatch.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.trailwatch.core.Records;
import dev.trailwatch.core.event.Classification;
import dev.trailwatch.core.event.PrincipalResolver;
import dev.trailwatch.core.event.SeverityClassifier;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.store.CallHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ChatNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = schema();
    private final AlertFormatter formatter = new AlertFormatter("trailwatch-events");

    static Schema schema() {
        try (InputStream in = ChatNotificationTest.class.getResourceAsStream("/chat/custom-notification.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about {@code notification}; empty when it follows the documented format. */
    static List<String> violations(JsonNode notification) {
        return SCHEMA.validate(notification).stream().map(Error::toString).toList();
    }

    private Alert alertFor(TrailEvent event) {
        Classification classification = SeverityClassifier.classify(event);
        return formatter.format(event, PrincipalResolver.principalOf(event.identity()), classification,
                "s3://trail-bucket/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/03/02/file.json.gz");
    }

    private JsonNode chatOf(TrailEvent event) throws IOException {
        return JSON.readTree(alertFor(event).chat());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.trailwatch.core.alert.GoldenAlertTest#cases")
    void everyGoldenCaseMakesANotificationInTheDocumentedFormat(String name) throws IOException {
        JsonNode chat = chatOf(GoldenAlertTest.eventOf(name));

        assertThat(violations(chat)).isEmpty();
        assertThat(chat.at("/content/description").asText()).isNotBlank();
    }

    @Test
    void theSchemaRefusesWhatTheServiceWouldNotShow() {
        ObjectNode wrong = JSON.createObjectNode().put("version", "2.0").put("source", "custom");
        wrong.putObject("content").put("title", "no description").put("colour", "red");

        assertThat(violations(wrong)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void theNotificationSaysWhatWasDoneToWhatByWhomAndLinksTheConsoles() throws IOException {
        TrailEvent event = GoldenAlertTest.eventOf("DeleteAnalyzer");
        Alert alert = alertFor(event);
        JsonNode chat = JSON.readTree(alert.chat());

        assertThat(chat.at("/content/title").asText()).isEqualTo(alert.subject());
        assertThat(chat.at("/content/description").asText())
                .startsWith("HIGH - DeleteAnalyzer succeeded\nAnalyzer \"")
                .contains("\nBy ");
        assertThat(chat.at("/content/nextSteps").toString())
                .contains("cloudtrailv2/home?region=" + event.awsRegion() + "#/events/" + event.eventId())
                .contains("access-analyzer/home")
                .contains("DynamoDB table trailwatch-events");
        assertThat(chat.at("/content/keywords").toString())
                .contains("\"HIGH\"", "\"DeleteAnalyzer\"", "\"" + event.recipientAccountId() + "\"");
        assertThat(chat.at("/metadata/additionalContext/eventID").asText()).isEqualTo(event.eventId());
        assertThat(chat.at("/id").asText()).isEqualTo(event.eventId());
    }

    @Test
    void theChannelIsToldWhatCameBeforeLikeTheEmail() throws IOException {
        TrailEvent event = GoldenAlertTest.eventOf("DeleteAnalyzer");
        CallHistory history = new CallHistory(List.of(new CallHistory.PastCall(
                Instant.parse("2026-03-02T09:13:52Z"), "ListAnalyzers")), false, true, 2);
        Alert alert = formatter.format(event, PrincipalResolver.principalOf(event.identity()),
                SeverityClassifier.classify(event), "s3://b/k.json.gz", history, null);

        String description = JSON.readTree(alert.chat()).at("/content/description").asText();
        assertThat(description).contains("Before this:\nNew source IP for this principal\n"
                + "2 earlier DeleteAnalyzer alerts by this principal in 24 h\nLast call:\n2026-03-02 09:13:52 UTC ListAnalyzers");
        assertThat(alert.message()).contains("New source IP for this principal");
    }

    @Test
    void everyAlertOfAPrincipalGoesToOneThreadAndAnotherPrincipalsToAnother() {
        String admin = ChatNotification.threadId("arn:aws:iam::111122223333:role/Admin");

        assertThat(ChatNotification.threadId("arn:aws:iam::111122223333:role/Admin")).isEqualTo(admin);
        assertThat(ChatNotification.threadId("arn:aws:iam::111122223333:role/Other")).isNotEqualTo(admin);
        assertThat(ChatNotification.threadId("arn:aws:iam::111122223333:role/" + "x".repeat(2000)))
                .hasSize(admin.length()).startsWith("trailwatch-");
    }

    @Test
    void markupInARecordIsShownAndNeverObeyed() throws IOException {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.putObject("requestParameters").put("analyzerName", "<!channel> & <https://evil.example|click>\nforged");
        JsonNode chat = chatOf(Records.event(record));

        String description = chat.at("/content/description").asText();
        assertThat(description).contains("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;\\u000aforged")
                .doesNotContain("<!channel>");
        assertThat(chat.at("/content/nextSteps").toString()).doesNotContain("<!channel>");
    }

    @Test
    void aLongDescriptionKeepsWholeLinesUpToTheCap() {
        List<String> lines = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "line " + i + " " + "y".repeat(60))
                .toList();
        String json = ChatNotification.json(new ChatNotification.Content("id", "t", lines, List.of(), List.of(),
                "p", "s", List.of(), Map.of()));

        String description = readTree(json).at("/content/description").asText();
        assertThat(description.length()).isLessThanOrEqualTo(ChatNotification.MAX_DESCRIPTION);
        assertThat(description.lines()).allMatch(l -> l.matches("line \\d+ y{60}"));
        assertThat(description.lines().count()).isGreaterThan(30);
    }

    @Test
    void aCutTitleNeverEndsInHalfACharacter() {
        String title = "a".repeat(ChatNotification.MAX_TITLE - 4) + "\uD83D\uDE00" + "b".repeat(10);

        String cut = ChatNotification.cap(title, ChatNotification.MAX_TITLE);

        assertThat(cut).hasSizeLessThanOrEqualTo(ChatNotification.MAX_TITLE).endsWith("a...");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
