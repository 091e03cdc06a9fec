package dev.trailwatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.alert.Alert;
import dev.trailwatch.core.store.DynamoDbEventStore;
import dev.trailwatch.core.store.EventStore;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.core.store.TableDefinition;
import dev.trailwatch.testing.DynamoDbLocalServer;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every fixture under {@code cloudtrail/}, each processed alone into its own table, against the expectations
 * written down in {@code cloudtrail/README.md} (extracted to the two CSV files beside it).
 */
class FixtureExpectationsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final DynamoDbClient dynamo = DynamoDbLocalServer.shared().client();
    private static final Map<String, Processed> BY_FILE = new HashMap<>();

    private record Processed(FileResult result, String table, RecordingAlertSink sink) {
    }

    private static synchronized Processed processed(String file) throws Exception {
        if (BY_FILE.containsKey(file)) {
            return BY_FILE.get(file);
        }
        String table = "fixture-" + UUID.randomUUID();
        TableDefinition.createIfMissing(dynamo, table);
        RecordingAlertSink sink = new RecordingAlertSink();
        LogFileProcessor processor = new LogFileProcessor(ProcessorSettings.defaults(table),
                new DynamoDbEventStore(dynamo, table), sink, Clock.fixed(NOW, ZoneOffset.UTC));
        try (InputStream in = FixtureExpectationsTest.class.getResourceAsStream("/cloudtrail/" + file)) {
            assertThat(in).as("fixture " + file).isNotNull();
            Processed p = new Processed(processor.process("fixtures/" + file, in, NOW.plusSeconds(600)), table, sink);
            BY_FILE.put(file, p);
            return p;
        }
    }

    private static Map<String, AttributeValue> itemWithEventId(String table, String eventId) {
        List<Map<String, AttributeValue>> found = dynamo.scan(b -> b.tableName(table)
                .filterExpression("eventID = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(eventId)))).items();
        assertThat(found).as("items with eventID " + eventId).hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest(name = "{0}: {2} AA records, {3} stored, {4} alerts")
    @CsvFileSource(resources = "/cloudtrail/expected-files.csv")
    void eachFixtureStoresAndAlertsWhatItsReadmeSays(String file, long entries, long accessAnalyzerRecords,
                                                     long storable, long alerts) throws Exception {
        Processed p = processed(file);

        assertThat(p.result().failed()).as("failure: " + p.result().failure()).isFalse();
        assertThat(p.result().events()).isEqualTo(accessAnalyzerRecords);
        assertThat(p.result().stored()).isEqualTo(storable);
        assertThat(p.result().rejected()).hasSize((int) (accessAnalyzerRecords - storable));
        assertThat(p.result().alerts()).isEqualTo(alerts);
        assertThat(p.sink().published).hasSize((int) alerts);
        assertThat(dynamo.scan(b -> b.tableName(p.table())).count()).isEqualTo((int) storable);
        assertThat(p.result().records()).isLessThanOrEqualTo(entries);
    }

    @ParameterizedTest(name = "{0}#{1} {2}")
    @CsvFileSource(resources = "/cloudtrail/expected-events.csv")
    void eachAccessAnalyzerRecordGetsThePrincipalKindAndSeverityOfTheDesign(
            String file, int index, String eventName, String eventId, String principal, boolean mutating,
            String severity, boolean failed) throws Exception {
        Processed p = processed(file);
        if (eventId == null) {
            assertThat(p.result().rejected()).anySatisfy(r -> assertThat(r).contains(eventName).contains("no eventID"));
            return;
        }
        if (p.result().rejected().stream().anyMatch(r -> r.contains(eventId))) {
            // An eventID but no readable eventTime: no sort key, so reported instead of stored.
            assertThat(dynamo.scan(b -> b.tableName(p.table())).items())
                    .noneMatch(i -> eventId.equals(i.get("eventID").s()));
            assertThat(p.sink().published).noneMatch(a -> a.eventId().equals(eventId));
            return;
        }
        Map<String, AttributeValue> item = itemWithEventId(p.table(), eventId);

        assertThat(item.get("principal").s()).isEqualTo(principal);
        assertThat(item.get("eventName").s()).isEqualTo(eventName);
        assertThat(item.get("readOnly").bool()).isEqualTo(!mutating);
        assertThat(item.containsKey("severity") ? item.get("severity").s() : null).isEqualTo(severity);
        assertThat(item.containsKey("errorCode")).isEqualTo(failed);
        assertThat(item.containsKey(ItemAttributes.ALERT_SENT_AT)).isEqualTo(mutating);
        List<Alert> alerts = p.sink().published.stream().filter(a -> a.eventId().equals(eventId)).toList();
        assertThat(alerts).hasSize(mutating ? 1 : 0);
        alerts.forEach(a -> {
            assertThat(a.severity().name()).isEqualTo(severity);
            assertThat(a.attributes()).containsEntry("principal", principal).containsEntry("severity", severity);
            assertThat(a.subject().contains("FAILED")).isEqualTo(failed);
        });
    }

    @Test
    void theDesignExampleSubjectComesOutOfTheAssumedRoleFixture() throws Exception {
        assertThat(processed("delete-analyzer-assumed-role.json").sink().published)
                .extracting(Alert::subject)
                .containsExactly("[HIGH] DeleteAnalyzer by arn:aws:iam::111122223333:role/Admin in us-east-1");
    }

    @Test
    void unknownFieldsSurviveIntoTheStoredJson() throws Exception {
        Processed p = processed("unknown-fields.json");
        Map<String, AttributeValue> item = itemWithEventId(p.table(), "c641e82b-790b-4e60-80d2-1425860470fe");

        JsonNode other = Records.MAPPER.readTree(item.get(ItemAttributes.OTHER_FIELDS).s());

        assertThat(other.path("riskScore").decimalValue()).isEqualByComparingTo("42.5");
        assertThat(other.path("relatedEventIDs").isArray()).isTrue();
        assertThat(other.path("resourceContext").isObject()).isTrue();
        assertThat(other.path("userIdentity").path("identityOrigin").isTextual()).isTrue();
        assertThat(other.path("eventVersion").asText()).isEqualTo("1.11");
        assertThat(other.has("eventID")).isFalse();
    }

    @Test
    void theTwoTrailsCopyOfAnEventAddsNothingToTheFirst() throws Exception {
        Processed first = processed("delete-analyzer-assumed-role.json");
        RecordingAlertSink sink = new RecordingAlertSink();
        LogFileProcessor again = new LogFileProcessor(ProcessorSettings.defaults(first.table()),
                new DynamoDbEventStore(dynamo, first.table()), sink, Clock.fixed(NOW, ZoneOffset.UTC));

        FileResult result;
        try (InputStream in = getClass().getResourceAsStream("/cloudtrail/same-event-two-trails.json")) {
            result = again.process("other-trail", in, NOW.plusSeconds(600));
        }

        assertThat(result.stored()).isZero();
        assertThat(result.alerts()).isZero();
        assertThat(sink.published).isEmpty();
    }
}
