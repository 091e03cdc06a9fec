package dev.trailwatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.event.WatchTargets;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a file's result counts beyond stored and alerted events, with the store in memory (no DynamoDB). */
class LogFileProcessorCountsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String CANARY = "arn:aws:iam::111122223333:role/trailwatch-CanaryRole-JkL012";

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final RecordingAlertSink sink = new RecordingAlertSink();
    private final LogFileProcessor processor = new LogFileProcessor(
            ProcessorSettings.defaults("in-memory").withWatch(new WatchTargets(Set.of("trailwatch-Trail-1A2B3C"),
                    Set.of("trailwatch-LogFileQueue-AbCdEf12"), Optional.of(CANARY))),
            store, sink, Clock.fixed(NOW, ZoneOffset.UTC));

    private FileResult process(ObjectNode... records) {
        return processor.process("s3://b/k.json.gz",
                new ByteArrayInputStream(Records.gzip(Records.logFile(records))), NOW.plusSeconds(600));
    }

    private static ObjectNode call(String source, String name, Boolean readOnly, String request) {
        ObjectNode record = Records.accessAnalyzerCall(name, readOnly);
        record.put("eventSource", source);
        record.set("requestParameters", Records.json(request));
        return record;
    }

    @Test
    void anAccessAnalyzerOperationTheCatalogDoesNotKnowIsCountedAndAlertsMedium() {
        FileResult result = process(Records.accessAnalyzerCall("EnableQuantumAnalysis", false),
                Records.accessAnalyzerCall("DeleteAnalyzer", false));

        assertThat(result.unknownOperations()).isEqualTo(1);
        assertThat(sink.published).extracting(a -> a.eventName() + " " + a.severity())
                .containsExactlyInAnyOrder("EnableQuantumAnalysis MEDIUM", "DeleteAnalyzer HIGH");
    }

    @Test
    void watchedAlertsAreCountedApartAndTheCanarysReadsOnlyByTheirTime() {
        ObjectNode canary = Records.accessAnalyzerCall("ListAnalyzers", true);
        canary.set("userIdentity", Records.json("{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:"
                + "assumed-role/trailwatch-CanaryRole-JkL012/s\",\"sessionContext\":{\"sessionIssuer\":{\"arn\":\""
                + CANARY + "\"}}}"));

        FileResult result = process(
                call("sqs.amazonaws.com", "PurgeQueue", false,
                        "{\"queueUrl\":\"https://sqs.us-east-1.amazonaws.com/1/trailwatch-LogFileQueue-AbCdEf12\"}"),
                call("cloudtrail.amazonaws.com", "StopLogging", false, "{\"name\":\"trailwatch-Trail-1A2B3C\"}"),
                call("kms.amazonaws.com", "Decrypt", true, "{}"),
                canary);

        assertThat(result.alerts()).isEqualTo(2);
        assertThat(result.watchedAlerts()).isEqualTo(2);
        assertThat(result.canaryCalls()).containsExactly(Instant.parse("2018-06-14T22:57:36Z"));
        assertThat(result.events()).as("the two watched calls; neither the KMS read nor the canary").isEqualTo(2);
        assertThat(store.items()).hasSize(2);
    }
}
