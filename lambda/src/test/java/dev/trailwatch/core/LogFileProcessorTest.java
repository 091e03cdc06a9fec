package dev.trailwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.alert.Alert;
import dev.trailwatch.core.event.PrincipalResolver;
import dev.trailwatch.core.event.SeverityClassifier;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.store.AnalyzerSetup;
import dev.trailwatch.core.store.CallHistory;
import dev.trailwatch.core.store.EventItemMapper;
import dev.trailwatch.core.store.DynamoDbEventStore;
import dev.trailwatch.core.store.EventStore;
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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LogFileProcessorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final DynamoDbClient dynamo = DynamoDbLocalServer.shared().client();

    private final RecordingAlertSink sink = new RecordingAlertSink();
    private String table;
    private LogFileProcessor processor;

    @BeforeEach
    void freshTable() {
        table = "events-" + UUID.randomUUID();
        TableDefinition.createIfMissing(dynamo, table);
        processor = processor(ProcessorSettings.defaults(table));
    }

    private LogFileProcessor processor(ProcessorSettings settings) {
        return new LogFileProcessor(settings, new DynamoDbEventStore(dynamo, table), sink, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private FileResult process(String source, String json) {
        return processor.process(source, new ByteArrayInputStream(Records.gzip(json)), NOW.plusSeconds(600));
    }

    private List<Map<String, AttributeValue>> items() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    @Test
    void duplicateDeliveryStoresOneItemAndSendsOneAlert() {
        String file = Records.logFile(
                Records.accessAnalyzerCall("DeleteAnalyzer", false),
                Records.accessAnalyzerCall("ListFindings", true),
                Records.json("{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"eventID\":\"x\"}"));

        FileResult first = process("s3://bucket/a.json.gz", file);
        FileResult second = process("s3://bucket/a.json.gz", file);

        assertThat(first).extracting(FileResult::records, FileResult::events, FileResult::stored, FileResult::alerts)
                .containsExactly(3L, 2L, 2L, 1L);
        assertThat(second).extracting(FileResult::events, FileResult::stored, FileResult::alerts)
                .containsExactly(2L, 0L, 0L);
        assertThat(items()).hasSize(2);
        assertThat(sink.published).hasSize(1);
        assertThat(sink.attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CheckNoNewAccess", "CheckNoPublicAccess", "CheckAccessNotGranted", "ValidatePolicy"})
    void aPolicyCheckMarkedNotReadOnlyIsStoredAndNeverAlerts(String name) {
        FileResult result = process("s3://bucket/ci.json.gz", Records.logFile(Records.accessAnalyzerCall(name, false)));

        assertThat(result).extracting(FileResult::events, FileResult::stored, FileResult::alerts)
                .containsExactly(1L, 1L, 0L);
        assertThat(items()).singleElement().satisfies(item -> {
            assertThat(item.get(ItemAttributes.EVENT_NAME).s()).isEqualTo(name);
            assertThat(item.get(ItemAttributes.MUST_ALERT).bool()).isFalse();
        });
        assertThat(sink.published).isEmpty();
    }

    private static ObjectNode call(String name, boolean readOnly, String time, String ip) {
        ObjectNode record = Records.accessAnalyzerCall(name, readOnly);
        record.put("eventTime", time);
        record.put("sourceIPAddress", ip);
        return record;
    }

    @Test
    void eachAlertCarriesWhatTheTableHeldOfThePrincipalBeforeItsCall() {
        process("first.json.gz", Records.logFile(
                call("ListAnalyzers", true, "2026-11-23T09:00:00Z", "192.0.2.10"),
                call("DeleteAnalyzer", false, "2026-11-23T09:01:00Z", "192.0.2.10")));
        process("second.json.gz", Records.logFile(
                call("DeleteAnalyzer", false, "2026-11-23T10:00:00Z", "203.0.113.9")));

        assertThat(sink.published).extracting(Alert::context).containsExactly(
                new CallHistory(List.of(new CallHistory.PastCall(Instant.parse("2026-11-23T09:00:00Z"), "ListAnalyzers")),
                        false, false, 0),
                new CallHistory(List.of(
                        new CallHistory.PastCall(Instant.parse("2026-11-23T09:01:00Z"), "DeleteAnalyzer"),
                        new CallHistory.PastCall(Instant.parse("2026-11-23T09:00:00Z"), "ListAnalyzers")),
                        false, true, 1));
        assertThat(sink.published.get(1).message()).contains("\nBefore this:\nNew source IP for this principal\n"
                + "1 earlier DeleteAnalyzer alert by this principal in 24 h\n");
    }

    @Test
    void anUpdateAnalyzerAlertSaysWhatChangedSinceTheAnalyzersLastSetup() {
        ObjectNode create = call("CreateAnalyzer", false, "2026-11-20T09:00:00Z", "192.0.2.10");
        create.set("requestParameters", Records.json("""
                {"analyzerName":"Test","type":"ACCOUNT_UNUSED_ACCESS",
                 "configuration":{"unusedAccess":{"unusedAccessAge":90}}}"""));
        ObjectNode update = call("UpdateAnalyzer", false, "2026-11-23T09:00:00Z", "192.0.2.10");
        update.set("requestParameters", Records.json("""
                {"analyzerName":"Test","configuration":{"unusedAccess":{"unusedAccessAge":365,
                 "analysisRule":{"exclusions":[{"accountIds":["444455556666"]}]}}}}"""));

        process("f", Records.logFile(create, update));

        assertThat(sink.published).extracting(Alert::eventName).containsExactly("CreateAnalyzer", "UpdateAnalyzer");
        assertThat(sink.published.get(0).message()).doesNotContain("Changed:");
        assertThat(sink.published.get(1).message())
                .contains("\nChanged: unusedAccessAge 90 \u2192 365; exclusions added: account 444455556666\n");
    }

    @Test
    void theSameEventInTwoFilesIsOneItemAndOneAlert() {
        ObjectNode event = Records.accessAnalyzerCall("CreateArchiveRule", false);

        process("s3://bucket/trail-a.json.gz", Records.logFile(event));
        FileResult again = process("s3://bucket/trail-b.json.gz", Records.logFile(event.deepCopy()));

        assertThat(again.stored()).isZero();
        assertThat(items()).singleElement()
                .satisfies(item -> assertThat(item.get("sourceObject").s()).isEqualTo("s3://bucket/trail-a.json.gz"));
        assertThat(sink.published).hasSize(1);
    }

    @Test
    void theSameEventTwiceInOneFileIsOneItem() {
        ObjectNode event = Records.accessAnalyzerCall("DeleteAnalyzer", false);

        FileResult result = process("f", Records.logFile(event, event.deepCopy()));

        assertThat(result.events()).isEqualTo(2);
        assertThat(result.stored()).isEqualTo(1);
        assertThat(sink.published).hasSize(1);
    }

    @Test
    void aFailedPublishIsRetriedByTheNextDeliveryAndSentOnce() {
        String file = Records.logFile(Records.accessAnalyzerCall("DeleteAnalyzer", false));
        sink.failNext(1);

        assertThatThrownBy(() -> process("f", file)).isInstanceOf(RetryableProcessingException.class)
                .hasMessageContaining("publishing the alert").hasMessageContaining("SNS is down");
        assertThat(items()).singleElement().satisfies(item -> {
            assertThat(item).doesNotContainKeys(ItemAttributes.ALERT_SENT_AT, ItemAttributes.ALERT_CLAIM_ID);
        });

        FileResult retry = process("f", file);

        assertThat(retry.stored()).isZero();
        assertThat(retry.alerts()).isEqualTo(1);
        assertThat(sink.published).hasSize(1);
        assertThat(items()).singleElement().satisfies(item -> {
            assertThat(item.get(ItemAttributes.ALERT_MESSAGE_ID).s()).isEqualTo("msg-1");
            assertThat(item.get(ItemAttributes.ALERT_SENT_AT).s()).isEqualTo(NOW.toString());
        });

        process("f", file);
        assertThat(sink.published).hasSize(1);
    }

    @Test
    void anAlertClaimedByAnotherInvocationIsHandedBackUntilItExpires() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        TrailEvent event = Records.event(record);
        String principal = PrincipalResolver.principalOf(event.identity());
        EventStore store = new DynamoDbEventStore(dynamo, table);
        store.putIfAbsent(new EventItemMapper(Records.MAPPER, Duration.ofDays(1))
                .toItem(event, principal, SeverityClassifier.classify(event), true, "elsewhere", NOW));
        Map<String, AttributeValue> key = EventItemMapper.key(principal, event.eventTimeId());
        assertThat(store.claimAlert(key, "other", NOW.plusSeconds(60), NOW)).isEqualTo(EventStore.Claim.CLAIMED);

        assertThatThrownBy(() -> process("f", Records.logFile(record)))
                .isInstanceOf(RetryableProcessingException.class)
                .hasMessageContaining("being sent by another invocation");
        assertThat(sink.published).isEmpty();

        LogFileProcessor later = new LogFileProcessor(ProcessorSettings.defaults(table), store, sink,
                Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC));
        FileResult result = later.process("f", new ByteArrayInputStream(Records.gzip(Records.logFile(record))),
                NOW.plusSeconds(600));

        assertThat(result.alerts()).isEqualTo(1);
        assertThat(sink.published).hasSize(1);
    }

    @Test
    void aLaterRecordWithTheKeyOfAStoredReadOnlyEventNeitherAlertsNorChangesIt() {
        ObjectNode readOnly = Records.accessAnalyzerCall("ListFindings", true);
        process("s3://bucket/a.json.gz", Records.logFile(readOnly));
        List<Map<String, AttributeValue>> stored = items();

        FileResult later = process("s3://bucket/b.json.gz",
                Records.logFile(withTheKeyOf(readOnly, "DeleteAnalyzer", false)));

        assertThat(later.events()).isEqualTo(1);
        assertThat(later.stored()).isZero();
        assertThat(later.alerts()).isZero();
        assertThat(sink.published).isEmpty();
        assertThat(items()).isEqualTo(stored);
    }

    @Test
    void aLaterRecordWithTheKeyOfAStoredAndAlertedEventChangesNothing() {
        ObjectNode mutating = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        process("s3://bucket/a.json.gz", Records.logFile(mutating));
        List<Map<String, AttributeValue>> stored = items();

        FileResult later = process("s3://bucket/b.json.gz",
                Records.logFile(withTheKeyOf(mutating, "ListFindings", true)));

        assertThat(later.stored()).isZero();
        assertThat(later.alerts()).isZero();
        assertThat(sink.published).extracting(Alert::eventName).containsExactly("DeleteAnalyzer");
        assertThat(items()).isEqualTo(stored);
    }

    @Test
    void anAlertStillOwedGoesOutOnlyFromACopyOfTheStoredEventAndNamesItsFile() {
        ObjectNode mutating = Records.accessAnalyzerCall("CreateArchiveRule", false);
        sink.failNext(1);
        assertThatThrownBy(() -> process("s3://bucket/a.json.gz", Records.logFile(mutating)))
                .isInstanceOf(RetryableProcessingException.class);

        FileResult other = process("s3://bucket/b.json.gz",
                Records.logFile(withTheKeyOf(mutating, "DeleteAnalyzer", false)));
        FileResult copy = process("s3://bucket/c.json.gz", Records.logFile(mutating.deepCopy()));

        assertThat(other.alerts()).isZero();
        assertThat(copy.alerts()).isEqualTo(1);
        assertThat(sink.published).singleElement().satisfies(alert -> {
            assertThat(alert.eventName()).isEqualTo("CreateArchiveRule");
            assertThat(alert.message()).contains("s3://bucket/a.json.gz").doesNotContain("c.json.gz");
        });
        assertThat(items()).singleElement().satisfies(item -> {
            assertThat(item.get("eventName").s()).isEqualTo("CreateArchiveRule");
            assertThat(item.get("sourceObject").s()).isEqualTo("s3://bucket/a.json.gz");
            assertThat(item).containsKey(ItemAttributes.ALERT_SENT_AT);
        });
    }

    @Test
    void aKeyStoredByAnotherInvocationAfterItWasLookedUpIsDecidedByWhatWasStored() {
        ObjectNode readOnly = Records.accessAnalyzerCall("ListFindings", true);
        process("s3://bucket/a.json.gz", Records.logFile(readOnly));
        List<Map<String, AttributeValue>> stored = items();
        // As if the other invocation's write landed just after this one looked: the look finds nothing.
        LogFileProcessor racing = new LogFileProcessor(ProcessorSettings.defaults(table),
                new LooksTooEarly(new DynamoDbEventStore(dynamo, table)), sink, Clock.fixed(NOW, ZoneOffset.UTC));

        FileResult result = racing.process("s3://bucket/b.json.gz", new ByteArrayInputStream(Records.gzip(
                Records.logFile(withTheKeyOf(readOnly, "DeleteAnalyzer", false)))), NOW.plusSeconds(600));

        assertThat(result.stored()).isZero();
        assertThat(result.alerts()).isZero();
        assertThat(sink.published).isEmpty();
        assertThat(items()).isEqualTo(stored);
    }

    @Test
    void theStoreNeverClaimsTheAlertOfAnItemStoredAsNotAlerting() {
        // What a racing invocation's copy, stored as not alerting, leaves under the key of an alerting event.
        TrailEvent event = Records.event(Records.accessAnalyzerCall("DeleteAnalyzer", false));
        String principal = PrincipalResolver.principalOf(event.identity());
        EventStore store = new DynamoDbEventStore(dynamo, table);
        store.putIfAbsent(new EventItemMapper(Records.MAPPER, Duration.ofDays(1))
                .toItem(event, principal, SeverityClassifier.classify(event), false, "elsewhere", NOW));
        Map<String, AttributeValue> key = EventItemMapper.key(principal, event.eventTimeId());

        assertThat(store.claimAlert(key, "mine", NOW.plusSeconds(60), NOW)).isEqualTo(EventStore.Claim.NOT_DUE);
        assertThat(items()).singleElement().satisfies(item -> assertThat(item)
                .doesNotContainKeys(ItemAttributes.ALERT_CLAIM_ID, ItemAttributes.ALERT_SENT_AT));
    }

    @Test
    void readOnlyCallsAndCallsBelowTheMinimumSeverityAreStoredWithoutAlert() {
        processor = processor(new ProcessorSettings(table, java.util.Set.of(Records.ACCESS_ANALYZER), Severity.HIGH,
                Duration.ofDays(30), 1L << 30));
        String file = Records.logFile(
                Records.accessAnalyzerCall("ListFindings", true),
                Records.accessAnalyzerCall("TagResource", false),
                Records.accessAnalyzerCall("UpdateAnalyzer", false),
                Records.accessAnalyzerCall("DeleteAnalyzer", false));

        FileResult result = process("f", file);

        assertThat(result.stored()).isEqualTo(4);
        assertThat(sink.published).extracting(Alert::eventName).containsExactly("DeleteAnalyzer");
        assertThat(items()).filteredOn(i -> i.containsKey("severity")).extracting(i -> i.get("severity").s())
                .containsExactlyInAnyOrder("LOW", "MEDIUM", "HIGH");
    }

    @Test
    void theStoredItemCarriesTheDesignAttributesAndExpiresTheRetentionAfterItWasStored() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.put("errorCode", "AccessDenied");
        record.put("errorMessage", "not allowed");

        process("s3://bucket/k.json.gz", Records.logFile(record));

        Map<String, AttributeValue> item = items().get(0);
        assertThat(item.get("principal").s()).isEqualTo("arn:aws:iam::111122223333:user/Alice");
        assertThat(item.get("eventTimeId").s()).isEqualTo("2018-06-14T22:57:36Z#" + record.get("eventID").asText());
        assertThat(item.get("readOnly").bool()).isFalse();
        assertThat(item.get("severity").s()).isEqualTo("HIGH");
        assertThat(item.get("mustAlert").bool()).isTrue();
        assertThat(item.get("errorCode").s()).isEqualTo("AccessDenied");
        assertThat(item.get("requestParameters").s()).isEqualTo("{\"analyzerName\":\"Test\"}");
        assertThat(item).doesNotContainKey("responseElements");
        assertThat(item.get("userIdentityType").s()).isEqualTo("IAMUser");
        assertThat(item.get("callerArn").s()).isEqualTo("arn:aws:iam::111122223333:user/Alice");
        assertThat(item.get("accessKeyId").s()).isEqualTo("AKIAEXAMPLE");
        assertThat(item.get("recipientAccountId").s()).isEqualTo("111122223333");
        assertThat(item.get("sourceObject").s()).isEqualTo("s3://bucket/k.json.gz");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(NOW.plus(Duration.ofDays(365)).getEpochSecond());
        assertThat(sink.published).singleElement().satisfies(a -> assertThat(a.subject()).contains("FAILED (AccessDenied)"));
    }

    @Test
    void anOversizedEventIsStoredCutAndMarkedUnderDynamoDbsLimit() {
        ObjectNode record = Records.accessAnalyzerCall("CreateAccessPreview", false);
        record.putObject("requestParameters").put("policy", "p".repeat(600_000));
        record.putObject("responseElements").put("id", "r".repeat(300_000));

        FileResult result = process("f", Records.logFile(record));

        assertThat(result.stored()).isEqualTo(1);
        Map<String, AttributeValue> item = items().get(0);
        assertThat(item.get("requestParametersTruncated").bool()).isTrue();
        assertThat(item.get("responseElementsTruncated").bool()).isTrue();
        assertThat(item.get("requestParameters").s()).startsWith("{\"policy\":\"ppp").endsWith(EventItemMapper.CUT_MARK);
        assertThat(EventItemMapper.size(item)).isLessThan(400 * 1024);
        assertThat(item).containsKey(ItemAttributes.ALERT_SENT_AT);
        assertThat(sink.published.get(0).message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void recordsThatCannotBeStoredAreReportedAndTheOthersStored() {
        ObjectNode noId = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        noId.remove("eventID");
        ObjectNode badTime = Records.accessAnalyzerCall("CreateArchiveRule", false);
        badTime.put("eventTime", "yesterday");

        FileResult result = process("f", Records.logFile(noId, badTime, Records.accessAnalyzerCall("DeleteArchiveRule", false)));

        assertThat(result.failed()).isFalse();
        assertThat(result.events()).isEqualTo(3);
        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.rejected()).hasSize(2)
                .anySatisfy(r -> assertThat(r).contains("DeleteAnalyzer").contains("no eventID"))
                .anySatisfy(r -> assertThat(r).contains("CreateArchiveRule").contains("'yesterday' is not a time"));
    }

    @Test
    void aCutFileKeepsTheWholeEventsBeforeTheCutAndReportsTheFault() {
        String json = Records.logFile(Records.accessAnalyzerCall("DeleteAnalyzer", false),
                Records.accessAnalyzerCall("CreateArchiveRule", false));

        FileResult result = process("f", json.substring(0, json.length() - 30));

        assertThat(result.failure()).startsWith("invalid JSON");
        assertThat(result.stored()).isEqualTo(1);
        assertThat(sink.published).extracting(Alert::eventName).containsExactly("DeleteAnalyzer");
    }

    @Test
    void aRecordWithoutEventNameIsNotAnAccessAnalyzerEvent() {
        ObjectNode unnamed = Records.accessAnalyzerCall("DeleteAnalyzer", null);
        unnamed.remove("eventName");
        ObjectNode emptyName = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        emptyName.put("eventName", "");

        FileResult result = process("f", Records.logFile(unnamed, emptyName, Records.accessAnalyzerCall("TagResource", false)));

        assertThat(result.records()).isEqualTo(3);
        assertThat(result.events()).isEqualTo(1);
        assertThat(result.rejected()).isEmpty();
        assertThat(items()).extracting(i -> i.get("eventName").s()).containsExactly("TagResource");
    }

    @Test
    void manyEventsAreStoredInChunksAndAllArrive() {
        ObjectNode[] records = new ObjectNode[LogFileProcessor.CHUNK * 2 + 7];
        for (int i = 0; i < records.length; i++) {
            records[i] = Records.accessAnalyzerCall("ListFindings", true);
        }

        FileResult result = process("f", Records.logFile(records));

        assertThat(result.stored()).isEqualTo(records.length);
        assertThat(items()).hasSize(records.length);
    }

    @Test
    void whenTimeRunsShortTheFileIsHandedBackForRetryBeforeAnyWrite() {
        String file = Records.logFile(Records.accessAnalyzerCall("DeleteAnalyzer", false));

        assertThatThrownBy(() -> processor.process("f", new ByteArrayInputStream(Records.gzip(file)), NOW.plusSeconds(2)))
                .isInstanceOf(RetryableProcessingException.class)
                .hasMessageContaining("time is running short");
        assertThat(items()).isEmpty();
        assertThat(sink.published).isEmpty();
    }

    /** Another call with the key of {@code record}: the same principal, eventTime and eventID. */
    private static ObjectNode withTheKeyOf(ObjectNode record, String eventName, boolean readOnly) {
        ObjectNode other = record.deepCopy();
        other.put("eventName", eventName);
        other.put("readOnly", readOnly);
        return other;
    }

    /** A store whose look for existing keys comes before another invocation's write, so it finds none. */
    private static final class LooksTooEarly implements EventStore {
        private final EventStore store;

        LooksTooEarly(EventStore store) {
            this.store = store;
        }

        @Override
        public String tableName() {
            return store.tableName();
        }

        @Override
        public Map<Map<String, AttributeValue>, Existing> findExisting(List<Map<String, AttributeValue>> keys) {
            return Map.of();
        }

        @Override
        public void putAll(List<Map<String, AttributeValue>> items) {
            store.putAll(items);
        }

        @Override
        public boolean putIfAbsent(Map<String, AttributeValue> item) {
            return store.putIfAbsent(item);
        }

        @Override
        public Map<String, AttributeValue> load(Map<String, AttributeValue> key) {
            return store.load(key);
        }

        @Override
        public Claim claimAlert(Map<String, AttributeValue> key, String claimId, Instant until, Instant now) {
            return store.claimAlert(key, claimId, until, now);
        }

        @Override
        public void markAlertSent(Map<String, AttributeValue> key, String messageId, Instant sentAt) {
            store.markAlertSent(key, messageId, sentAt);
        }

        @Override
        public void releaseClaim(Map<String, AttributeValue> key, String claimId) {
            store.releaseClaim(key, claimId);
        }

        @Override
        public CallHistory history(String principal, String eventTimeId, Instant eventTime, String eventName,
                                   String sourceIpAddress) {
            return store.history(principal, eventTimeId, eventTime, eventName, sourceIpAddress);
        }

        @Override
        public Optional<AnalyzerSetup> lastAnalyzerSetup(String accountId, String region, String analyzerName,
                                                         String eventTimeId) {
            return store.lastAnalyzerSetup(accountId, region, analyzerName, eventTimeId);
        }
    }
}
