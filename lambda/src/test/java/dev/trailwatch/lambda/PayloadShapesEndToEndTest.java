package dev.trailwatch.lambda;

import static dev.trailwatch.lambda.TrailFixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.S3Objects;
import dev.trailwatch.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The function's stream entry end to end, the one Lambda calls: the payloads of events/lambda as the queue or
 * {@code aws lambda invoke} send them, answered by shape.
 */
class PayloadShapesEndToEndTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3Objects.mock(BUCKET);

    @RegisterExtension
    static final MotoServer SNS = MotoServer.shared();

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Stack stack = new Stack(S3_MOCK, SNS);

    @BeforeAll
    static void uploadTheDumpUnderPlainAndEncodedNames() throws IOException {
        try (Stack uploader = new Stack(S3_MOCK, SNS)) {
            for (String key : List.of(TrailFixtures.D1, TrailFixtures.D3, TrailFixtures.D5, TrailFixtures.D8)) {
                uploader.putDumpFile(key, key);
            }
            // s3-keys-encoded.json names these objects by their encoded keys; they are stored decoded.
            uploader.putDumpFile("my-prefix/" + TrailFixtures.D2, TrailFixtures.D2);
            uploader.putDumpFile("my prefix/" + TrailFixtures.D3, TrailFixtures.D3);
            uploader.putDumpFile("my+prefix/" + TrailFixtures.D5, TrailFixtures.D5);
            uploader.putDumpFile("my-pr\u00e9fix/" + TrailFixtures.D1, TrailFixtures.D1);
            uploader.putDumpFile(TrailFixtures.D4.replace("AWSLogs/", "AWSLogs/o-abcde12345/"), TrailFixtures.D4);
            uploader.putDumpFile("my prefix+\u00e9/" + TrailFixtures.D9.replace("AWSLogs/", "AWSLogs/o-abcde12345/"),
                    TrailFixtures.D9);
        }
    }

    @AfterEach
    void closeClients() {
        stack.close();
    }

    private JsonNode invoke(byte[] payload) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        stack.handler().handleRequest(new ByteArrayInputStream(payload), answer, FakeLambdaContext.plenty());
        return MAPPER.readTree(answer.toByteArray());
    }

    private JsonNode invoke(String payloadFile) throws IOException {
        return invoke(Files.readAllBytes(TrailFixtures.lambdaPayload(payloadFile)));
    }

    private static List<String> field(JsonNode summary, String name) {
        List<String> values = new ArrayList<>();
        summary.path("files").forEach(f -> values.add(f.path(name).asText()));
        return values;
    }

    @Test
    void aPlainS3EventIsProcessedAndSummarised() throws IOException {
        JsonNode summary = invoke("s3-event.json");

        assertThat(summary.path("processed").asInt()).isEqualTo(1);
        assertThat(summary.path("failed").asInt()).isZero();
        JsonNode file = summary.path("files").get(0);
        assertThat(file.path("bucket").asText()).isEqualTo(BUCKET);
        assertThat(file.path("key").asText()).isEqualTo(TrailFixtures.D3);
        assertThat(file.path("outcome").asText()).isEqualTo("processed");
        assertThat(file.path("records").asInt()).isEqualTo(7);
        assertThat(file.path("events").asInt()).isEqualTo(3);
        assertThat(file.path("alerts").asInt()).isEqualTo(2);
        assertThat(stack.storedEventIds()).containsExactly("1ec6a1a0-d84f-4171-8929-3855fbf9c359",
                "5bde3fe5-4daf-4869-afb2-68c27c1d36b7", "b05948a8-6829-441c-9516-c420ae60c3cf");
        assertThat(SNS.publishedTo(stack.topicArn)).hasSize(2)
                .allSatisfy(a -> assertThat(a.subject()).startsWith("[HIGH] DeleteAnalyzer"));
    }

    @Test
    void aBackfillRequestReadsTheNamedObjectsAndIsSafeToRunAgain() throws IOException {
        JsonNode first = invoke("backfill.json");
        JsonNode again = invoke("backfill.json");

        assertThat(field(first, "key")).containsExactly(TrailFixtures.D1, TrailFixtures.D5, TrailFixtures.D8);
        assertThat(field(first, "outcome")).containsOnly("processed");
        assertThat(first.path("events").asInt()).isEqualTo(6);
        assertThat(first.path("stored").asInt()).isEqualTo(6);
        assertThat(first.path("alerts").asInt()).isEqualTo(3);
        assertThat(again.path("stored").asInt()).isZero();
        assertThat(again.path("alerts").asInt()).isZero();
        assertThat(stack.items()).hasSize(6);
        assertThat(SNS.publishedTo(stack.topicArn))
                .extracting(a -> a.messageAttributes().get("severity").stringValue())
                .containsExactlyInAnyOrder("HIGH", "HIGH", "MEDIUM");
    }

    @Test
    void encodedKeysAreReadUnderTheirDecodedNames() throws IOException {
        JsonNode summary = invoke("s3-keys-encoded.json");

        assertThat(field(summary, "outcome"))
                .containsExactly("processed", "processed", "processed", "processed", "processed", "processed",
                        "skipped");
        assertThat(field(summary, "key")).containsExactly(
                "my-prefix/" + TrailFixtures.D2,
                "my prefix/" + TrailFixtures.D3,
                "my+prefix/" + TrailFixtures.D5,
                "my-pr\u00e9fix/" + TrailFixtures.D1,
                TrailFixtures.D4.replace("AWSLogs/", "AWSLogs/o-abcde12345/"),
                "my prefix+\u00e9/" + TrailFixtures.D9.replace("AWSLogs/", "AWSLogs/o-abcde12345/"),
                "AWSLogs/o-abcde12345/111122223333/CloudTrail-Digest/us-east-1/2018/06/14/"
                        + "111122223333_CloudTrail-Digest_us-east-1_management-trail_us-east-1_20180614T160131Z"
                        + ".json.gz");
        // D1, D2, D3, D4, D5, D9: 2 + 2 + 3 + 1 + 3 + 3 records of Access Analyzer, one event twice (D3, D4).
        assertThat(stack.items()).hasSize(13);
    }

    @Test
    void anSqsEventAnswersWithThePartialBatchResponse() throws IOException {
        stack.putDumpFile(TrailFixtures.D2, TrailFixtures.D2);
        stack.s3Hooks.deny(TrailFixtures.D5);
        byte[] batch = Files.readString(TrailFixtures.lambdaPayload("sqs-mixed-batch.json"))
                .getBytes(StandardCharsets.UTF_8);

        JsonNode single = invoke("sqs-s3-notification.json");
        JsonNode mixed = invoke(batch);

        assertThat(single.toString()).isEqualTo("{\"batchItemFailures\":[]}");
        // Message 1 names D5, denied here; everything else in the batch is acknowledged (D7 and D9 are not
        // uploaded in this class: gone objects are skipped, not retried), and only D2's two events are stored.
        assertThat(stack.items()).hasSize(2);
        assertThat(mixed.toString()).isEqualTo(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"618c1ed7-4af7-4fd8-b75a-7b7d43dffdf7\"}]}");
    }

    @Test
    void aMissingObjectInABackfillIsSkippedWithItsReason() throws IOException {
        JsonNode summary = invoke(("{\"objects\":[{\"bucket\":\"" + BUCKET + "\",\"key\":\"AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/14/none.json.gz\"}]}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(summary.path("skipped").asInt()).isEqualTo(1);
        assertThat(summary.path("files").get(0).path("reason").asText())
                .startsWith("object not found (deleted before it was read): 404");
    }

    @Test
    void aBackfillEntryWithoutAKeyIsRefusedBeforeAnythingIsRead() {
        byte[] payload = ("{\"objects\":[{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TrailFixtures.D1 + "\"},"
                + "{\"bucket\":\"" + BUCKET + "\"}]}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> invoke(payload)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("objects[1].key is missing or not a string");
        assertThat(stack.s3Hooks.gets()).isZero();
    }

    @Test
    void aPayloadOfNoKnownShapeIsRefused() {
        assertThatThrownBy(() -> invoke("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unrecognised payload");
    }

    @Test
    void theInvocationWritesItsMetricsAsForTheQueue() throws IOException {
        invoke("backfill.json");

        assertThat(output.metricDocuments()).singleElement()
                .satisfies(m -> assertThat(m.path("FilesProcessed").asInt()).isEqualTo(3));
    }
}
