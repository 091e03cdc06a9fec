package dev.trailwatch.lambda;

import static dev.trailwatch.lambda.TrailFixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.Gzip;
import dev.trailwatch.testing.MotoServer;
import dev.trailwatch.testing.S3Objects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The fast path through the handler on the emulators: an EventBridge event (fixtures in {@code eventbridge/}) and
 * the log file with the same record, in either order, through the one queue. Alerts are counted from what the
 * table and the metrics say (the item's alertMessageId, AlertsSent), not from the SNS side.
 */
class FastPathEndToEndTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3Objects.mock(BUCKET);

    @RegisterExtension
    static final MotoServer SNS = MotoServer.shared();

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static final Path FIXTURES = Path.of("src", "test", "resources", "eventbridge");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Stack stack = new Stack(S3_MOCK, SNS);
    private final TrailWatchHandler handler = stack.handler();

    @AfterEach
    void closeClients() {
        stack.close();
    }

    private static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The EventBridge event as the rule's SQS target delivers it: the event is the message body. */
    private SQSBatchResponse eventBridge(String fixture) {
        return handle(Messages.withBody(fixture(fixture)));
    }

    /** A log file holding the event's record, and the S3 notification of it. */
    private SQSBatchResponse logFile(String fixture) {
        try {
            JsonNode detail = MAPPER.readTree(fixture(fixture)).get("detail");
            String key = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/30/"
                    + "111122223333_CloudTrail_us-east-1_20261130T1005Z_" + UUID.randomUUID() + ".json.gz";
            stack.put(BUCKET, key, Gzip.gzip("{\"Records\":[" + detail + "]}"));
            return handle(Messages.created(BUCKET, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SQSBatchResponse handle(SQSEvent.SQSMessage message) {
        SQSBatchResponse response = handler.handleRequest(Messages.event(message), FakeLambdaContext.plenty());
        assertThat(response.getBatchItemFailures()).as("nothing handed back").isEmpty();
        return response;
    }

    private Map<String, AttributeValue> onlyItem() {
        List<Map<String, AttributeValue>> items = stack.items();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** The sum of a metric over the invocations so far. */
    private double sum(String metric) {
        return output.metricDocuments().stream().mapToDouble(d -> d.path(metric).asDouble()).sum();
    }

    @Test
    void theEventFirstAlertsAtOnceAndTheLogFileLaterAddsNothing() {
        eventBridge("delete-analyzer.json");
        Map<String, AttributeValue> afterEvent = onlyItem();

        logFile("delete-analyzer.json");

        Map<String, AttributeValue> item = onlyItem();
        assertThat(item).as("the log file wrote nothing").isEqualTo(afterEvent);
        assertThat(item.get(ItemAttributes.FIRST_SEEN_BY).s()).isEqualTo("eventbridge");
        assertThat(item.get(ItemAttributes.SOURCE_OBJECT).s())
                .isEqualTo("eventbridge:us-east-1/6f87d04b-9f74-4f04-a780-7acf4b0a9b38");
        assertThat(item.get(ItemAttributes.ALERT_MESSAGE_ID).s()).isNotBlank();
        assertThat(sum("AlertsSent")).as("one alert over both invocations").isEqualTo(1);
        assertThat(SNS.publishedTo(stack.topicArn)).as("what SNS delivered").singleElement()
                .satisfies(alert -> assertThat(alert.messageId()).isEqualTo(item.get(ItemAttributes.ALERT_MESSAGE_ID).s()));
        assertThat(sum("EventBridgeEvents")).isEqualTo(1);
        assertThat(sum("LogFileOnly")).as("EventBridge brought it first").isZero();
    }

    @Test
    void theFastPathsAlertLatencyIsPublishedAndTheLogFileHasNone() {
        eventBridge("delete-analyzer.json");
        logFile("delete-analyzer.json");

        JsonNode eventDocument = output.metricDocuments().get(0);
        JsonNode fileDocument = output.metricDocuments().get(1);
        // The call was made on 2026-11-30; the alert goes out now, later than that.
        assertThat(eventDocument.path("EventBridgeAlertLatencySeconds").asDouble()).isPositive();
        assertThat(eventDocument.has("LogFileAlertLatencySeconds")).isFalse();
        assertThat(fileDocument.has("LogFileAlertLatencySeconds")).as("no alert, no latency").isFalse();
    }

    @Test
    void theLogFileFirstAlertsCountsLogFileOnlyAndTheEventLaterAddsNothing() {
        logFile("create-archive-rule.json");
        Map<String, AttributeValue> afterFile = onlyItem();

        eventBridge("create-archive-rule.json");

        Map<String, AttributeValue> item = onlyItem();
        assertThat(item).as("the event wrote nothing").isEqualTo(afterFile);
        assertThat(item.get(ItemAttributes.FIRST_SEEN_BY).s()).isEqualTo("logfile");
        assertThat(item.get(ItemAttributes.SOURCE_OBJECT).s()).startsWith("s3://" + BUCKET + "/AWSLogs/");
        assertThat(sum("AlertsSent")).isEqualTo(1);
        assertThat(sum("LogFileOnly")).as("missed by best effort").isEqualTo(1);
        assertThat(output.metricDocuments().get(0).path("LogFileAlertLatencySeconds").asDouble()).isPositive();
        assertThat(output.metricDocuments().get(1).has("EventBridgeAlertLatencySeconds")).isFalse();
    }

    @Test
    void aReadOnlyCallAlertsOnNeitherPath() {
        eventBridge("list-analyzers.json");
        logFile("list-analyzers.json");

        Map<String, AttributeValue> item = onlyItem();
        assertThat(item).doesNotContainKey(ItemAttributes.ALERT_SENT_AT);
        assertThat(item.get(ItemAttributes.FIRST_SEEN_BY).s()).isEqualTo("eventbridge");
        assertThat(sum("AlertsSent")).isZero();
        assertThat(sum("LogFileOnly")).as("not mutating").isZero();
    }

    @Test
    void eachEventHasOneSummaryLineNamingTheRecordButNotItsParameters() {
        eventBridge("create-archive-rule.json");

        assertThat(output.logLines("event processed")).singleElement().satisfies(line -> {
            assertThat(line.path("source").asText()).isEqualTo("eventbridge:us-east-1/0c2d4e6f-8a1b-4c3d-9e5f-7a9b1c3d5e7f");
            assertThat(line.path("eventName").asText()).isEqualTo("CreateArchiveRule");
            assertThat(line.path("alerts").asLong()).isEqualTo(1);
            assertThat(line.toString()).doesNotContain("hide-public-buckets", "AKIAEXAMPLEKEY");
        });
    }

    @Test
    void anEventBridgeEventOfAnotherKindIsAcknowledgedAsAFailureNamingItsDetailType() {
        String body = "{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"EC2 Instance State-change Notification\","
                + "\"source\":\"aws.ec2\",\"region\":\"us-east-1\",\"detail\":{\"state\":\"running\"}}";

        handle(Messages.withBody(body));

        assertThat(stack.items()).isEmpty();
        assertThat(sum("FilesFailed")).isEqualTo(1);
        assertThat(output.logLines("file failed")).singleElement()
                .satisfies(line -> assertThat(line.path("reason").asText())
                        .contains("'EC2 Instance State-change Notification'"));
    }
}
