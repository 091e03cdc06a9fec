package dev.trailwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.store.DynamoDbEventStore;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.core.store.TableDefinition;
import dev.trailwatch.testing.DynamoDbLocalServer;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A record that comes alone (EventBridge's copy) and the same record in a log file, in either order. */
class SingleRecordTest {

    /** 42 seconds after the records' eventTime, 2018-06-14T22:57:36Z. */
    private static final Instant NOW = Instant.parse("2018-06-14T22:58:18Z");
    private static final String EVENTBRIDGE = "eventbridge:us-west-2/6f87d04b-9f74-4f04-a780-7acf4b0a9b38";
    private static final DynamoDbClient dynamo = DynamoDbLocalServer.shared().client();

    private final RecordingAlertSink sink = new RecordingAlertSink();
    private String table;
    private LogFileProcessor processor;

    @BeforeEach
    void freshTable() {
        table = "events-" + UUID.randomUUID();
        TableDefinition.createIfMissing(dynamo, table);
        processor = new LogFileProcessor(ProcessorSettings.defaults(table), new DynamoDbEventStore(dynamo, table), sink,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private FileResult alone(ObjectNode record) {
        return processor.processRecord(record, EVENTBRIDGE, NOW.plusSeconds(600));
    }

    private FileResult inAFile(ObjectNode record) {
        return processor.process("s3://bucket/a.json.gz",
                new ByteArrayInputStream(Records.gzip(Records.logFile(record))), NOW.plusSeconds(600));
    }

    private List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    @Test
    void aMutatingRecordAloneIsStoredAndAlertedLikeAFilesRecordAndSaysEventBridgeSawItFirst() {
        FileResult result = alone(Records.accessAnalyzerCall("DeleteAnalyzer", false));

        assertThat(result).extracting(FileResult::records, FileResult::events, FileResult::stored, FileResult::alerts,
                FileResult::mutatingFirst).containsExactly(1L, 1L, 1L, 1L, 1L);
        assertThat(sink.published).singleElement()
                .satisfies(alert -> assertThat(alert.message()).contains("Seen by:   " + EVENTBRIDGE));
        assertThat(items()).singleElement().satisfies(item -> {
            assertThat(item.get(ItemAttributes.FIRST_SEEN_BY).s()).isEqualTo("eventbridge");
            assertThat(item.get(ItemAttributes.SOURCE_OBJECT).s()).isEqualTo(EVENTBRIDGE);
            assertThat(item).containsKey(ItemAttributes.ALERT_SENT_AT);
        });
    }

    @Test
    void theLogFileThatBringsTheSameRecordLaterAddsNothing() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        alone(record);
        Map<String, AttributeValue> before = items().get(0);

        FileResult later = inAFile(record.deepCopy());

        assertThat(later).extracting(FileResult::events, FileResult::stored, FileResult::alerts,
                FileResult::mutatingFirst).containsExactly(1L, 0L, 0L, 0L);
        assertThat(sink.published).hasSize(1);
        assertThat(items()).singleElement().isEqualTo(before);
    }

    @Test
    void theRecordThatComesAloneAfterItsLogFileAddsNothing() {
        ObjectNode record = Records.accessAnalyzerCall("CreateArchiveRule", false);
        FileResult first = inAFile(record);

        FileResult later = alone(record.deepCopy());

        assertThat(first.mutatingFirst()).as("the log file brought it first").isEqualTo(1);
        assertThat(later).extracting(FileResult::stored, FileResult::alerts, FileResult::mutatingFirst)
                .containsExactly(0L, 0L, 0L);
        assertThat(sink.published).hasSize(1);
        assertThat(items()).singleElement()
                .satisfies(item -> assertThat(item.get(ItemAttributes.FIRST_SEEN_BY).s()).isEqualTo("logfile"));
    }

    @Test
    void anAlertTheEventBridgePathStoredButCouldNotSendIsSentByTheLogFileWithTheSameRecord() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        sink.failNext(1);
        assertThatThrownBy(() -> alone(record)).isInstanceOf(RetryableProcessingException.class);
        assertThat(sink.published).isEmpty();

        FileResult later = inAFile(record.deepCopy());

        assertThat(later.alerts()).as("the copy of the stored event sends the alert it owes").isEqualTo(1);
        assertThat(later.mutatingFirst()).as("stored by EventBridge, not brought first by the file").isZero();
        assertThat(items()).singleElement().satisfies(item -> {
            assertThat(item.get(ItemAttributes.FIRST_SEEN_BY).s()).isEqualTo("eventbridge");
            assertThat(item).containsKey(ItemAttributes.ALERT_SENT_AT);
        });
    }

    @Test
    void eachAlertCarriesTheTimeFromTheCallToItsPublish() {
        FileResult result = alone(Records.accessAnalyzerCall("DeleteAnalyzer", false));

        assertThat(result.alertLatencies()).containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void aReadOnlyRecordAloneIsStoredWithoutAnAlertAndIsNoMutatingFirst() {
        FileResult result = alone(Records.accessAnalyzerCall("ListAnalyzers", true));

        assertThat(result).extracting(FileResult::stored, FileResult::alerts, FileResult::mutatingFirst)
                .containsExactly(1L, 0L, 0L);
        assertThat(result.alertLatencies()).isEmpty();
        assertThat(sink.published).isEmpty();
    }

    @Test
    void aRecordOfAnotherServiceIsPassedBy() {
        ObjectNode record = Records.json("{\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RunInstances\","
                + "\"eventID\":\"e1\",\"eventTime\":\"2018-06-14T22:57:36Z\",\"readOnly\":false}");

        FileResult result = alone(record);

        assertThat(result.events()).isZero();
        assertThat(items()).isEmpty();
    }

    @Test
    void aRecordWithoutAnEventIdIsRejectedAndNamedNotStored() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.remove("eventID");

        FileResult result = alone(record);

        assertThat(result.rejected()).singleElement().asString().contains("DeleteAnalyzer");
        assertThat(items()).isEmpty();
    }

    @Test
    void timeRunningShortHandsTheRecordBack() {
        assertThatThrownBy(() -> processor.processRecord(Records.accessAnalyzerCall("DeleteAnalyzer", false),
                EVENTBRIDGE, NOW.plusSeconds(2)))
                .isInstanceOf(RetryableProcessingException.class)
                .hasMessageContaining(EVENTBRIDGE);
        assertThat(items()).isEmpty();
    }
}
