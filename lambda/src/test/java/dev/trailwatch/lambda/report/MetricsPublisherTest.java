package dev.trailwatch.lambda.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.lambda.CapturedOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsPublisherTest {

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @Test
    void oneInvocationWritesOneEmbeddedMetricDocumentWithEveryCount() {
        InvocationTally tally = new InvocationTally();
        tally.add(new FileOutcome("b", "k1", FileOutcome.Outcome.PROCESSED, false, null, 45, 17, 16, 11, 9000, 1, 5,
                2, List.of(70L, 95L), 3, List.of(301.5), 3));
        tally.add(new EventOutcome("eventbridge:us-east-1/e1", "DeleteAnalyzer", "id-1", false, null, 1, 1, 1, 0,
                List.of(), List.of(4.25), 3));
        tally.add(EventOutcome.retry("eventbridge:us-east-1/e2", "DeleteAnalyzer", "id-2", "time ran short", 0));
        tally.add(FileOutcome.skipped("b", "digest", "digest file", 0));
        tally.add(FileOutcome.refused("b", "forged", "refused: not encrypted with the trail's KMS key", 0));
        tally.add(FileOutcome.failed("b", "bad", "invalid gzip data", 0));
        tally.add(FileOutcome.retry("b", "denied", "403", 0));

        new MetricsPublisher("trailwatch-fn").publish(tally);

        List<JsonNode> documents = output.metricDocuments();
        assertThat(documents).hasSize(1);
        JsonNode document = documents.get(0);
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("TrailWatch");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"FunctionName\"]]");
        List<String> names = new ArrayList<>();
        directive.path("Metrics").forEach(m -> names.add(m.path("Name").asText()));
        assertThat(names).containsExactlyInAnyOrder("FilesProcessed", "FilesSkipped", "FilesFailed", "FilesRetried",
                "Records", "EventsStored", "AlertsSent", "DecompressedBytes", "FilesRefused", "WatchedAlertsSent",
                "CanaryLagSeconds", "UnknownOperations", "EventBridgeEvents", "EventBridgeRetried", "LogFileOnly",
                "EventBridgeAlertLatencySeconds", "LogFileAlertLatencySeconds");
        assertThat(document.path("FunctionName").asText()).isEqualTo("trailwatch-fn");
        assertThat(document.path("FilesProcessed").asDouble()).isEqualTo(1);
        assertThat(document.path("FilesSkipped").asDouble()).isEqualTo(1);
        assertThat(document.path("FilesFailed").asDouble()).isEqualTo(1);
        assertThat(document.path("FilesRetried").asDouble()).isEqualTo(1);
        assertThat(document.path("Records").asDouble()).isEqualTo(45);
        assertThat(document.path("EventsStored").asDouble()).as("the file's and the event's").isEqualTo(17);
        assertThat(document.path("AlertsSent").asDouble()).isEqualTo(12);
        assertThat(document.path("DecompressedBytes").asDouble()).isEqualTo(9000);
        assertThat(document.path("FilesRefused").asDouble()).isEqualTo(1);
        assertThat(document.path("WatchedAlertsSent").asDouble()).isEqualTo(2);
        assertThat(document.path("CanaryLagSeconds").toString()).isEqualTo("[70.0,95.0]");
        assertThat(document.path("UnknownOperations").asDouble()).isEqualTo(3);
        assertThat(document.path("EventBridgeEvents").asDouble()).isEqualTo(1);
        assertThat(document.path("EventBridgeRetried").asDouble()).isEqualTo(1);
        assertThat(document.path("LogFileOnly").asDouble()).isEqualTo(3);
        assertThat(document.path("EventBridgeAlertLatencySeconds").asDouble()).isEqualTo(4.25);
        assertThat(document.path("LogFileAlertLatencySeconds").asDouble()).isEqualTo(301.5);
    }

    @Test
    void anInvocationWithoutAlertsWritesNoLatencyAtAll() {
        InvocationTally tally = new InvocationTally();
        tally.add(FileOutcome.skipped("b", "digest", "digest file", 0));

        new MetricsPublisher("trailwatch-fn").publish(tally);

        JsonNode document = output.metricDocuments().get(0);
        assertThat(document.has("EventBridgeAlertLatencySeconds")).isFalse();
        assertThat(document.has("LogFileAlertLatencySeconds")).isFalse();
        assertThat(document.path("LogFileOnly").asDouble()).isZero();
    }

    @Test
    void anInvocationWithoutACanaryRecordWritesNoLagSoTheCanaryAlarmSeesMissingData() {
        InvocationTally tally = new InvocationTally();
        tally.add(new FileOutcome("b", "k1", FileOutcome.Outcome.PROCESSED, false, null, 45, 17, 16, 11, 9000, 1, 5,
                0, List.of(), 0, List.of(), 0));

        new MetricsPublisher("trailwatch-fn").publish(tally);

        JsonNode document = output.metricDocuments().get(0);
        List<String> names = new ArrayList<>();
        document.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics")
                .forEach(m -> names.add(m.path("Name").asText()));
        assertThat(names).contains("FilesProcessed").doesNotContain("CanaryLagSeconds");
        assertThat(document.has("CanaryLagSeconds")).isFalse();
    }
}
