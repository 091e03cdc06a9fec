package dev.trailwatch.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.Records;
import dev.trailwatch.core.event.SeverityClassifier;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.testing.DynamoDbLocalServer;
import dev.trailwatch.testing.FaultInjector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The look-ups behind an alert's context, against DynamoDB Local: what counts as before, and the bounds. */
class DynamoDbEventStoreHistoryTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant CALL = Instant.parse("2026-11-30T10:00:00Z");
    private static final String ALICE = "arn:aws:iam::111122223333:user/Alice";
    private static final String BOB = "arn:aws:iam::111122223333:user/Bob";
    private static final String HOME_IP = "192.0.2.10";
    private static final String NEW_IP = "203.0.113.77";
    private static final FaultInjector calls = new FaultInjector();
    private static final DynamoDbClient dynamo = DynamoDbLocalServer.shared().client(calls);

    private final EventItemMapper mapper = new EventItemMapper(Records.MAPPER, Duration.ofDays(365));
    private DynamoDbEventStore store;

    @BeforeEach
    void freshTable() {
        String table = "history-" + UUID.randomUUID();
        TableDefinition.createIfMissing(dynamo, table);
        store = new DynamoDbEventStore(dynamo, table);
        calls.reset();
    }

    /** A stored call: the item the core writes for an Access Analyzer record with these values. */
    private Map<String, AttributeValue> call(String principal, Instant time, String name, String ip, boolean alerting) {
        ObjectNode record = Records.accessAnalyzerCall(name, false);
        record.put("eventTime", time.toString());
        record.put("sourceIPAddress", ip);
        return stored(record, principal, alerting);
    }

    private Map<String, AttributeValue> stored(ObjectNode record, String principal, boolean alerting) {
        TrailEvent event = Records.event(record);
        Map<String, AttributeValue> item = mapper.toItem(event, principal, SeverityClassifier.classify(event), alerting,
                "s3://trail/file.json.gz", NOW);
        store.putAll(List.of(item));
        return item;
    }

    private CallHistory historyOf(Map<String, AttributeValue> item) {
        return store.history(item.get("principal").s(), item.get("eventTimeId").s(),
                Instant.parse(item.get("eventTime").s()), item.get("eventName").s(),
                item.containsKey("sourceIPAddress") ? item.get("sourceIPAddress").s() : null);
    }

    @Test
    void aPrincipalsFirstCallHasNoPreviousCallAndANewSourceIp() {
        Map<String, AttributeValue> only = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);

        CallHistory history = historyOf(only);

        assertThat(history).isEqualTo(new CallHistory(List.of(), true, true, 0));
    }

    @Test
    void thePreviousCallsAreTheFiveNewestBeforeThisOneNewestFirst() {
        for (int minutes = 8; minutes >= 1; minutes--) {
            call(ALICE, CALL.minus(Duration.ofMinutes(minutes)), "ListFindings" + minutes, HOME_IP, false);
        }
        call(ALICE, CALL.plusSeconds(1), "GetAnalyzer", HOME_IP, false);
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);

        CallHistory history = historyOf(delete);

        assertThat(history.previousCalls()).extracting(CallHistory.PastCall::eventName)
                .containsExactly("ListFindings1", "ListFindings2", "ListFindings3", "ListFindings4", "ListFindings5");
        assertThat(history.previousCalls().get(0).eventTime()).isEqualTo(CALL.minus(Duration.ofMinutes(1)));
        assertThat(history.firstCallByPrincipal()).isFalse();
        assertThat(history.firstCallFromSourceIp()).isFalse();
    }

    @Test
    void anotherPrincipalsCallsAreNeverCounted() {
        call(BOB, CALL.minus(Duration.ofHours(1)), "DeleteAnalyzer", HOME_IP, true);
        call(BOB, CALL.minus(Duration.ofMinutes(1)), "DeleteAnalyzer", HOME_IP, true);
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);

        assertThat(historyOf(delete)).isEqualTo(new CallHistory(List.of(), true, true, 0));
    }

    @Test
    void theCallItselfIsNeverCountedNorACallOfTheSameSecondWithAGreaterEventId() {
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);
        ObjectNode sameSecond = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        sameSecond.put("eventTime", CALL.toString());
        sameSecond.put("eventID", delete.get("eventID").s() + "-later");
        stored(sameSecond, ALICE, true);

        assertThat(historyOf(delete)).isEqualTo(new CallHistory(List.of(), true, true, 0));
    }

    @Test
    void aCallOfTheSameSecondWithASmallerEventIdCameBefore() {
        ObjectNode earlier = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        earlier.put("eventTime", CALL.toString());
        earlier.put("eventID", "00000000-0000-0000-0000-000000000000");
        stored(earlier, ALICE, true);
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);

        CallHistory history = historyOf(delete);

        assertThat(history.firstCallByPrincipal()).isFalse();
        assertThat(history.sameAlertsLast24h()).isEqualTo(1);
    }

    @Test
    void sameAlertsCountAlertingCallsOfTheSameNameFromExactly24HoursBeforeOnwards() {
        call(ALICE, CALL.minus(Duration.ofHours(24)), "DeleteAnalyzer", HOME_IP, true);
        call(ALICE, CALL.minus(Duration.ofHours(24)).minusSeconds(1), "DeleteAnalyzer", HOME_IP, true);
        call(ALICE, CALL.minus(Duration.ofHours(3)), "DeleteAnalyzer", HOME_IP, true);
        call(ALICE, CALL.minus(Duration.ofHours(2)), "DeleteAnalyzer", HOME_IP, false); // stored as not alerting
        call(ALICE, CALL.minus(Duration.ofHours(1)), "UpdateFindings", HOME_IP, true);  // another name
        call(ALICE, CALL.plusSeconds(60), "DeleteAnalyzer", HOME_IP, true);             // after this one
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);

        assertThat(historyOf(delete).sameAlertsLast24h()).isEqualTo(2);
    }

    @Test
    void sameAlertsAreCountedOverEveryPageOfTheQuery() {
        // About 1.5 MB of items in the 24 hours: more than one page of 1 MB.
        String padding = "x".repeat(50_000);
        for (int i = 1; i <= 30; i++) {
            ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
            record.put("eventTime", CALL.minus(Duration.ofMinutes(i)).toString());
            record.putObject("requestParameters").put("analyzerName", "a" + i).put("padding", padding);
            stored(record, ALICE, true);
        }
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);
        calls.reset();

        CallHistory history = historyOf(delete);

        assertThat(history.sameAlertsLast24h()).isEqualTo(30);
        // The newest calls, then the count over at least two pages (the address is among the newest: no query).
        assertThat(calls.calls("Query")).as("queries made").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPrincipalWithFewerThanFiveEarlierCallsIsAnsweredByOneQuery() {
        call(ALICE, CALL.minus(Duration.ofHours(30)), "DeleteAnalyzer", HOME_IP, true);
        call(ALICE, CALL.minus(Duration.ofHours(2)), "DeleteAnalyzer", HOME_IP, true);
        call(ALICE, CALL.minus(Duration.ofHours(1)), "ListFindings", HOME_IP, false);
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", NEW_IP, true);
        calls.reset();

        CallHistory history = historyOf(delete);

        assertThat(history.firstCallFromSourceIp()).isTrue();
        assertThat(history.sameAlertsLast24h()).isEqualTo(1);
        assertThat(calls.calls("Query")).as("queries made").isEqualTo(1);
    }

    @Test
    void anAddressAmongTheNewestCallsAndAnOldestCallBeyond24HoursNeedNoFurtherQuery() {
        for (int hours = 40; hours >= 30; hours--) {
            call(ALICE, CALL.minus(Duration.ofHours(hours)), "DeleteAnalyzer", NEW_IP, true);
        }
        call(ALICE, CALL.minus(Duration.ofHours(3)), "DeleteAnalyzer", HOME_IP, true);
        call(ALICE, CALL.minus(Duration.ofHours(1)), "DeleteAnalyzer", HOME_IP, false);
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);
        calls.reset();

        CallHistory history = historyOf(delete);

        assertThat(history.firstCallFromSourceIp()).isFalse();
        assertThat(history.sameAlertsLast24h()).isEqualTo(1);
        assertThat(calls.calls("Query")).as("queries made").isEqualTo(1);
    }

    @Test
    void manyCallsWithin24HoursFromAnotherAddressAreCountedByTheirOwnQueries() {
        for (int minutes = 50; minutes >= 1; minutes--) {
            call(ALICE, CALL.minus(Duration.ofMinutes(minutes)), "DeleteAnalyzer", HOME_IP, true);
        }
        call(ALICE, CALL.minus(Duration.ofHours(30)), "DeleteAnalyzer", NEW_IP, true);
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", NEW_IP, true);
        calls.reset();

        CallHistory history = historyOf(delete);

        assertThat(history.firstCallFromSourceIp()).isFalse();
        assertThat(history.sameAlertsLast24h()).isEqualTo(50);
        assertThat(calls.calls("Query")).as("queries made").isEqualTo(3);
    }

    @Test
    void aSourceIpIsNewWhenNoEarlierCallOfThePrincipalCameFromIt() {
        call(ALICE, CALL.minus(Duration.ofDays(40)), "ListFindings", HOME_IP, false);
        call(ALICE, CALL.minus(Duration.ofMinutes(5)), "ListFindings", "198.51.100.1", false);
        call(BOB, CALL.minus(Duration.ofMinutes(5)), "ListFindings", NEW_IP, false);
        Map<String, AttributeValue> fromHome = call(ALICE, CALL, "DeleteAnalyzer", HOME_IP, true);
        Map<String, AttributeValue> fromNew = call(ALICE, CALL.plusSeconds(1), "DeleteAnalyzer", NEW_IP, true);

        assertThat(historyOf(fromHome).firstCallFromSourceIp()).isFalse();
        assertThat(historyOf(fromNew).firstCallFromSourceIp()).isTrue();
    }

    @Test
    void aSourceIpSeenBeyondTheNewestThousandEarlierCallsCountsAsNew() {
        call(ALICE, CALL.minus(Duration.ofDays(30)), "ListFindings", NEW_IP, false);
        List<Map<String, AttributeValue>> many = new ArrayList<>();
        for (int i = 1; i <= EventStore.MAX_EVALUATED_FOR_SOURCE_IP; i++) {
            ObjectNode record = Records.accessAnalyzerCall("ListFindings", true);
            record.put("eventTime", CALL.minusSeconds(i).toString());
            TrailEvent event = Records.event(record);
            many.add(mapper.toItem(event, ALICE, SeverityClassifier.classify(event), false, "f", NOW));
        }
        store.putAll(many);
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", NEW_IP, true);
        Map<String, AttributeValue> within = call(ALICE, CALL.minus(Duration.ofDays(29)), "DeleteAnalyzer", NEW_IP, true);

        assertThat(historyOf(delete).firstCallFromSourceIp()).as("1,000 calls in between").isTrue();
        assertThat(historyOf(within).firstCallFromSourceIp()).as("the IP's call just before").isFalse();
    }

    @Test
    void aSourceIpIsFoundOnALaterPageOfTheQuery() {
        call(ALICE, CALL.minus(Duration.ofDays(1)), "ListFindings", NEW_IP, false);
        String padding = "x".repeat(50_000);
        for (int i = 1; i <= 30; i++) {
            ObjectNode record = Records.accessAnalyzerCall("ListFindings", true);
            record.put("eventTime", CALL.minus(Duration.ofMinutes(i)).toString());
            record.putObject("requestParameters").put("padding", padding);
            stored(record, ALICE, false);
        }
        Map<String, AttributeValue> delete = call(ALICE, CALL, "DeleteAnalyzer", NEW_IP, true);

        assertThat(historyOf(delete).firstCallFromSourceIp()).isFalse();
    }

    @Test
    void aCallWithoutSourceIpIsNeverFromANewOne() {
        ObjectNode record = Records.accessAnalyzerCall("DeleteAnalyzer", false);
        record.remove("sourceIPAddress");
        Map<String, AttributeValue> delete = stored(record, ALICE, true);

        CallHistory history = historyOf(delete);

        assertThat(history.firstCallByPrincipal()).isTrue();
        assertThat(history.firstCallFromSourceIp()).isFalse();
    }

    // ------------------------------------------------------------------------------- the analyzer's last setup

    private Map<String, AttributeValue> setup(String name, Instant time, String principal, String requestJson) {
        ObjectNode record = Records.accessAnalyzerCall(name, false);
        record.put("eventTime", time.toString());
        record.set("requestParameters", Records.json(requestJson));
        return stored(record, principal, true);
    }

    private static String analyzer(String name, int age) {
        return """
                {"analyzerName":"%s","type":"ACCOUNT_UNUSED_ACCESS",
                 "configuration":{"unusedAccess":{"unusedAccessAge":%d}}}""".formatted(name, age);
    }

    private Optional<AnalyzerSetup> lastSetupBefore(Map<String, AttributeValue> update) {
        return store.lastAnalyzerSetup("111122223333", "us-west-2",
                "unused", update.get("eventTimeId").s());
    }

    @Test
    void theLastSetupIsTheNewestEarlierSuccessfulCreateOrUpdateOfTheSameAnalyzerByAnyone() {
        setup("CreateAnalyzer", CALL.minus(Duration.ofDays(9)), BOB, analyzer("unused", 30));
        setup("UpdateAnalyzer", CALL.minus(Duration.ofDays(5)), BOB, analyzer("unused", 60));
        setup("CreateAnalyzer", CALL.minus(Duration.ofDays(4)), BOB, analyzer("unused-2", 70));
        setup("UpdateAnalyzer", CALL.minus(Duration.ofDays(3)), BOB,
                "{\"archiveRules\":[{\"analyzerName\":\"unused\"}],\"analyzerName\":\"other\"}");
        ObjectNode failed = Records.accessAnalyzerCall("UpdateAnalyzer", false);
        failed.put("eventTime", CALL.minus(Duration.ofDays(2)).toString());
        failed.put("errorCode", "ValidationException");
        failed.set("requestParameters", Records.json(analyzer("unused", 80)));
        stored(failed, ALICE, true);
        ObjectNode elsewhere = Records.accessAnalyzerCall("UpdateAnalyzer", false);
        elsewhere.put("eventTime", CALL.minus(Duration.ofDays(1)).toString());
        elsewhere.put("awsRegion", "eu-west-1");
        elsewhere.set("requestParameters", Records.json(analyzer("unused", 85)));
        stored(elsewhere, ALICE, true);
        setup("UpdateAnalyzer", CALL.plusSeconds(60), ALICE, analyzer("unused", 99)); // after
        Map<String, AttributeValue> update = setup("UpdateAnalyzer", CALL, ALICE, analyzer("unused", 365));

        AnalyzerSetup last = lastSetupBefore(update).orElseThrow();

        assertThat(last.eventName()).isEqualTo("UpdateAnalyzer");
        assertThat(last.eventTime()).isEqualTo(CALL.minus(Duration.ofDays(5)));
        assertThat(last.requestParameters().at("/configuration/unusedAccess/unusedAccessAge").asInt()).isEqualTo(60);
    }

    @Test
    void aCreateNewerThanEveryUpdateIsTheLastSetup() {
        setup("UpdateAnalyzer", CALL.minus(Duration.ofDays(5)), BOB, analyzer("unused", 60));
        setup("CreateAnalyzer", CALL.minus(Duration.ofDays(1)), BOB, analyzer("unused", 120));
        Map<String, AttributeValue> update = setup("UpdateAnalyzer", CALL, ALICE, analyzer("unused", 365));

        AnalyzerSetup last = lastSetupBefore(update).orElseThrow();

        assertThat(last.eventName()).isEqualTo("CreateAnalyzer");
        assertThat(last.requestParameters().at("/configuration/unusedAccess/unusedAccessAge").asInt()).isEqualTo(120);
    }

    @Test
    void aLastSetupStoredCutIsFoundWithoutItsRequestRatherThanAnOlderOne() {
        setup("CreateAnalyzer", CALL.minus(Duration.ofDays(5)), BOB, analyzer("unused", 60));
        ObjectNode huge = Records.accessAnalyzerCall("UpdateAnalyzer", false);
        huge.put("eventTime", CALL.minus(Duration.ofDays(1)).toString());
        huge.set("requestParameters", Records.json(analyzer("unused", 61)));
        ((ObjectNode) huge.get("requestParameters")).put("padding", "p".repeat(500_000));
        Map<String, AttributeValue> cut = stored(huge, BOB, true);
        assertThat(cut.get("requestParametersTruncated").bool()).as("stored cut").isTrue();
        Map<String, AttributeValue> update = setup("UpdateAnalyzer", CALL, ALICE, analyzer("unused", 365));

        AnalyzerSetup last = lastSetupBefore(update).orElseThrow();

        assertThat(last.eventTime()).isEqualTo(CALL.minus(Duration.ofDays(1)));
        assertThat(last.hasRequest()).isFalse();
    }

    @Test
    void noLastSetupIsFoundBeyondTheNewest200CallsOfEachName() {
        setup("CreateAnalyzer", CALL.minus(Duration.ofDays(30)), BOB, analyzer("unused", 60));
        List<Map<String, AttributeValue>> others = new ArrayList<>();
        for (int i = 1; i <= AnalyzerSetup.MAX_EVALUATED_PER_NAME; i++) {
            ObjectNode record = Records.accessAnalyzerCall("CreateAnalyzer", false);
            record.put("eventTime", CALL.minusSeconds(i).toString());
            record.set("requestParameters", Records.json(analyzer("other-" + i, 90)));
            TrailEvent event = Records.event(record);
            others.add(mapper.toItem(event, BOB, SeverityClassifier.classify(event), true, "f", NOW));
        }
        store.putAll(others);
        Map<String, AttributeValue> update = setup("UpdateAnalyzer", CALL, ALICE, analyzer("unused", 365));
        String dayAfterTheCreate = CALL.minus(Duration.ofDays(29)) + "#" + UUID.randomUUID();

        assertThat(lastSetupBefore(update)).as("200 other analyzers created in between").isEmpty();
        assertThat(store.lastAnalyzerSetup("111122223333", "us-west-2", "unused", dayAfterTheCreate))
                .as("nothing in between").isPresent();
    }
}
