package dev.trailwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.alert.SnsAlertSink;
import dev.trailwatch.core.store.DynamoDbEventStore;
import dev.trailwatch.core.store.EventStore;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.core.store.TableDefinition;
import dev.trailwatch.testing.DynamoDbLocalServer;
import dev.trailwatch.testing.FaultInjector;
import dev.trailwatch.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;

/**
 * Nothing lost, nothing doubled, with the real SDK clients over HTTP to DynamoDB Local and moto's SNS, and faults
 * injected around them: unprocessed batch items, throttling, SNS errors, and a crash after each write and publish
 * in turn followed by a redelivery.
 */
class FaultToleranceTest {

    @RegisterExtension
    static final MotoServer SNS = MotoServer.shared();
    private static final DynamoDbLocalServer DYNAMO = DynamoDbLocalServer.shared();
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final FaultInjector dynamoFaults = new FaultInjector();
    private final FaultInjector snsFaults = new FaultInjector();
    private DynamoDbClient dynamo;
    private SnsClient sns;
    private String topic;

    @BeforeEach
    void clients() {
        dynamo = DYNAMO.clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(dynamoFaults))
                .build();
        sns = SNS.snsClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(snsFaults))
                .build();
        topic = SNS.createTopic("alerts-" + UUID.randomUUID());
    }

    private String newTable() {
        String table = "faults-" + UUID.randomUUID();
        TableDefinition.createIfMissing(DYNAMO.client(), table);
        return table;
    }

    private FileResult process(String table, byte[] file, Instant now) {
        LogFileProcessor processor = new LogFileProcessor(ProcessorSettings.defaults(table), new DynamoDbEventStore(dynamo, table),
                new SnsAlertSink(sns, topic, AlertDetail.FULL), Clock.fixed(now, ZoneOffset.UTC));
        return processor.process("s3://bucket/file.json.gz", new ByteArrayInputStream(file), now.plusSeconds(60));
    }

    /** 60 read-only events and 5 mutating ones: enough for three batch writes and several alerts. */
    private static byte[] busyFile() {
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(Records.accessAnalyzerCall("ListFindings", true));
        }
        for (String name : List.of("DeleteAnalyzer", "CreateArchiveRule", "UpdateAnalyzer", "TagResource", "ApplyArchiveRule")) {
            records.add(Records.accessAnalyzerCall(name, false));
        }
        return Records.gzip(Records.logFile(records.toArray(ObjectNode[]::new)));
    }

    /** The table's items without the alert bookkeeping, by sort key: what a clean run must also give. */
    private Map<String, Map<String, AttributeValue>> storedEvents(String table) {
        Map<String, Map<String, AttributeValue>> byKey = new TreeMap<>();
        for (Map<String, AttributeValue> item : DYNAMO.client().scan(b -> b.tableName(table).consistentRead(true)).items()) {
            Map<String, AttributeValue> copy = new TreeMap<>(item);
            // expiresAt counts from when an item was stored, which a redelivery legitimately changes.
            copy.keySet().removeAll(Set.of(ItemAttributes.ALERT_SENT_AT, ItemAttributes.ALERT_MESSAGE_ID,
                    ItemAttributes.ALERT_CLAIM_ID, ItemAttributes.ALERT_CLAIM_UNTIL, TableLayout.TTL_ATTRIBUTE));
            byKey.put(item.get(TableLayout.SORT_KEY).s(), copy);
        }
        return byKey;
    }

    private Map<String, Long> alertsByEventName() {
        return SNS.publishedTo(topic).stream()
                .collect(Collectors.groupingBy(m -> m.messageAttributes().get("eventName").stringValue(), TreeMap::new,
                        Collectors.counting()));
    }

    @Test
    void unprocessedItemsAndAThrottleLoseNoEvent() {
        String table = newTable();
        dynamoFaults.reportHalfUnprocessed(3).failAttempts("BatchWriteItem", 1, FaultInjector.dynamoDbThrottling());

        FileResult result = process(table, busyFile(), NOW);

        assertThat(result.stored()).isEqualTo(65);
        assertThat(storedEvents(table)).hasSize(65);
        assertThat(dynamoFaults.attempts("BatchWriteItem")).isGreaterThan(dynamoFaults.successes("BatchWriteItem"));
        assertThat(dynamoFaults.calls("BatchWriteItem")).isGreaterThan(3);
        assertThat(SNS.publishedTo(topic)).hasSize(5);
    }

    @Test
    void unprocessedItemsShrinkEveryBatchYetEveryItemArrives() {
        String table = newTable();
        dynamoFaults.reportHalfUnprocessed(1000);

        FileResult result = process(table, busyFile(), NOW);

        assertThat(result.stored()).isEqualTo(65);
        assertThat(storedEvents(table)).hasSize(65);
        assertThat(dynamoFaults.calls("BatchWriteItem")).isGreaterThan(6);
    }

    @Test
    void aHistoryLookUpThatFailsGivesTheClaimBackAndTheRetrySendsTheAlertOnce() {
        String table = newTable();
        byte[] file = Records.gzip(Records.logFile(Records.accessAnalyzerCall("DeleteAnalyzer", false)));
        // Query is the history's call alone: the core's other calls are batch, put and update calls.
        dynamoFaults.failAttempts("Query", 1000, FaultInjector.dynamoDbInternalError());

        assertThatThrownBy(() -> process(table, file, NOW))
                .isInstanceOf(RetryableProcessingException.class)
                .hasMessageContaining("AWS call failed");
        assertThat(SNS.publishedTo(topic)).isEmpty();
        assertThat(storedEvents(table)).hasSize(1);
        assertThat(DYNAMO.client().scan(b -> b.tableName(table).consistentRead(true)).items()).singleElement()
                .satisfies(item -> assertThat(item).doesNotContainKeys(ItemAttributes.ALERT_CLAIM_ID,
                        ItemAttributes.ALERT_CLAIM_UNTIL, ItemAttributes.ALERT_SENT_AT));

        dynamoFaults.reset();
        FileResult retry = process(table, file, NOW);

        assertThat(retry.alerts()).isEqualTo(1);
        assertThat(SNS.publishedTo(topic)).hasSize(1);
    }

    @Test
    void throttlingThatOutlastsTheSdkRetriesHandsTheFileBackWithNothingAlerted() {
        String table = newTable();
        dynamoFaults.failAttempts("BatchWriteItem", 1000, FaultInjector.dynamoDbThrottling());

        assertThatThrownBy(() -> process(table, busyFile(), NOW))
                .isInstanceOf(RetryableProcessingException.class)
                .hasMessageContaining("AWS call failed");
        // The standard retry strategy makes three attempts, then gives up: bounded, not forever.
        assertThat(dynamoFaults.attempts("BatchWriteItem")).isEqualTo(3);
        assertThat(SNS.publishedTo(topic)).isEmpty();
    }

    @Test
    void snsServerErrorsAndThrottlingAreRetriedAndTheAlertGoesOutOnce() {
        String table = newTable();
        snsFaults.failAttempts("Publish", 1, FaultInjector.snsInternalError())
                .failAttempts("Publish", 1, FaultInjector.snsThrottling());

        FileResult result = process(table, Records.gzip(Records.logFile(Records.accessAnalyzerCall("DeleteAnalyzer", false))), NOW);

        assertThat(result.alerts()).isEqualTo(1);
        assertThat(SNS.publishedTo(topic)).hasSize(1);
        assertThat(snsFaults.attempts("Publish")).isEqualTo(3);
        assertThat(snsFaults.injectedFailures("Publish")).isEqualTo(2);
    }

    @Test
    void anInvalidParameterIsNotRetriedAndTheFileIsHandedBackWithItsAlertUnsent() {
        String table = newTable();
        snsFaults.failAttempts("Publish", 1, FaultInjector.serviceError(InvalidParameterException::builder, "Sns", 400,
                "InvalidParameter", "Invalid parameter"));
        byte[] file = Records.gzip(Records.logFile(Records.accessAnalyzerCall("DeleteAnalyzer", false)));

        Throwable thrown = catchThrowable(() -> process(table, file, NOW));

        assertThat(thrown).isInstanceOf(RetryableProcessingException.class)
                .hasRootCauseInstanceOf(InvalidParameterException.class);
        assertThat(snsFaults.attempts("Publish")).as("not retried").isEqualTo(1);
        assertThat(storedEvents(table)).hasSize(1);

        FileResult retry = process(table, file, NOW.plusSeconds(1));
        assertThat(retry.alerts()).isEqualTo(1);
        assertThat(SNS.publishedTo(topic)).hasSize(1);
    }

    static Stream<Arguments> crashPoints() {
        // Per file: 1 BatchGetItem, 3 BatchWriteItem, 5 PutItem, 10 UpdateItem (claim + mark per alert), 5 Publish.
        return Stream.of(
                        Stream.of(1, 2, 3).map(n -> Arguments.of("BatchWriteItem", n)),
                        Stream.of(1, 3, 5).map(n -> Arguments.of("PutItem", n)),
                        Stream.of(1, 2, 5, 10).map(n -> Arguments.of("UpdateItem", n)),
                        Stream.of(1, 3, 5).map(n -> Arguments.of("Publish", n)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "crash after {0} #{1}, then redelivery")
    @MethodSource("crashPoints")
    void aCrashAfterAnyWriteOrPublishThenRedeliveryEndsAsACleanRun(String operation, int nth) {
        byte[] file = busyFile();
        String clean = newTable();
        process(clean, file, NOW);
        Map<String, Long> cleanAlerts = alertsByEventName();
        topic = SNS.createTopic("alerts-" + UUID.randomUUID());

        String crashed = newTable();
        (operation.equals("Publish") ? snsFaults : dynamoFaults).crashAfterSuccessfulCall(operation, nth);
        Throwable crash = catchThrowable(() -> process(crashed, file, NOW));
        assertThat(crash).as("the injected crash").isNotNull();
        dynamoFaults.reset();
        snsFaults.reset();

        // Redelivery comes after the visibility timeout, so after the crashed invocation's deadline and claims.
        process(crashed, file, NOW.plusSeconds(120));

        assertThat(storedEvents(crashed)).isEqualTo(storedEvents(clean));
        Map<String, Long> alerts = alertsByEventName();
        assertThat(alerts.keySet()).isEqualTo(cleanAlerts.keySet());
        long extra = alerts.values().stream().mapToLong(Long::longValue).sum() - cleanAlerts.size();
        // Only a crash between a successful publish and its mark may send one alert twice.
        assertThat(extra).isEqualTo(operation.equals("Publish") ? 1 : 0);
        assertThat(DYNAMO.client().scan(b -> b.tableName(crashed)).items())
                .filteredOn(i -> i.containsKey("severity"))
                .allSatisfy(i -> assertThat(i).containsKey(ItemAttributes.ALERT_SENT_AT).doesNotContainKey(ItemAttributes.ALERT_CLAIM_ID));
    }
}
