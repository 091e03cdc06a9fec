package dev.trailwatch.lambda;

import static dev.trailwatch.lambda.TrailFixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.FaultInjector;
import dev.trailwatch.testing.Gzip;
import dev.trailwatch.testing.S3Objects;
import dev.trailwatch.testing.MotoServer;
import dev.trailwatch.testing.PublishedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQS handler end to end: real SDK clients over HTTP to S3Mock, DynamoDB Local and moto's SNS, fed
 * the sample trail dump and the payloads of events/lambda.
 */
class SqsHandlerEndToEndTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3Objects.mock(BUCKET);

    @RegisterExtension
    static final MotoServer SNS = MotoServer.shared();

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static final String BROKEN_KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/16/broken.json.gz";
    private static final String MISSING_KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/16/gone.json.gz";
    /** Gzip's magic and header, then bytes that are no deflate stream. */
    private static final byte[] BAD_GZIP = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff,
        'n', 'o', 't', ' ', 'd', 'e', 'f', 'l', 'a', 't', 'e'};

    private final Stack stack = new Stack(S3_MOCK, SNS);

    @BeforeAll
    static void uploadTheDump() {
        try (Stack uploader = new Stack(S3_MOCK, SNS)) {
            for (String key : List.of(TrailFixtures.D1, TrailFixtures.D2, TrailFixtures.D3, TrailFixtures.D4,
                    TrailFixtures.D5, TrailFixtures.D6, TrailFixtures.D7, TrailFixtures.D8, TrailFixtures.D9,
                    TrailFixtures.DIGEST)) {
                uploader.putDumpFile(key, key);
            }
            uploader.put(BUCKET, BROKEN_KEY, BAD_GZIP);
        }
    }

    @AfterEach
    void closeClients() {
        stack.close();
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private SQSBatchResponse handle(SQSEvent event) {
        return stack.handler().handleRequest(event, FakeLambdaContext.plenty());
    }

    @Test
    void aBatchOfEverythingThatNeedsNoRetryIsAcknowledgedWhole() {
        List<SQSEvent.SQSMessage> mixed = Messages.fromPayload("sqs-mixed-batch.json");
        SQSEvent.SQSMessage good = Messages.fromPayload("sqs-s3-notification.json").get(0);
        SQSEvent event = Messages.event(
                good,
                Messages.withBody(good.getBody()),
                Messages.created(BUCKET, BROKEN_KEY),
                mixed.get(3),
                mixed.get(2),
                mixed.get(4),
                Messages.created(BUCKET, MISSING_KEY));

        SQSBatchResponse response = handle(event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(stack.storedEventIds()).containsExactly(
                "234cbf32-56c3-4b2f-9703-ac9a34ed1a4e", "33333333-bcde-5555-bcde-444444444444");
        assertThat(stack.items()).allSatisfy(item -> assertThat(item.get(ItemAttributes.SOURCE_OBJECT).s())
                .isEqualTo("s3://" + BUCKET + "/" + TrailFixtures.D2));
        List<PublishedMessage> alerts = SNS.publishedTo(stack.topicArn);
        assertThat(alerts).hasSize(2);
        assertThat(alerts).extracting(a -> a.messageAttributes().get("eventName").stringValue())
                .containsExactlyInAnyOrder("CreateAnalyzer", "TagResource");
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(alert.subject()).startsWith("[LOW] ").contains("arn:aws:iam::111122223333:user/Alice");
            assertThat(alert.messageAttributes().get("severity").stringValue()).isEqualTo("LOW");
            assertThat(alert.messageAttributes().get("accountId").stringValue()).isEqualTo("111122223333");
            assertThat(alert.messageAttributes().get("principal").stringValue())
                    .isEqualTo("arn:aws:iam::111122223333:user/Alice");
        });

        assertThat(output.logLines("file processed")).extracting(l -> l.path("stored").asLong())
                .containsExactly(2L, 0L);
        JsonNode broken = output.logLines("file failed").stream()
                .filter(l -> BROKEN_KEY.equals(l.path("key").asText())).findFirst().orElseThrow();
        assertThat(broken.path("level").asText()).isEqualTo("ERROR");
        assertThat(broken.path("retryable").asBoolean()).isFalse();
        assertThat(broken.path("reason").asText()).contains("gzip");
        assertThat(output.logLines("file skipped")).extracting(l -> l.path("reason").asText())
                .anySatisfy(r -> assertThat(r).isEqualTo("digest file"))
                .anySatisfy(r -> assertThat(r).isEqualTo("S3 test event"))
                .anySatisfy(r -> assertThat(r).startsWith("object not found (deleted before it was read): 404"));
        assertThat(output.logLines("file failed")).extracting(l -> l.path("reason").asText())
                .anySatisfy(r -> assertThat(r).startsWith("the message body is not JSON"));

        JsonNode metrics = output.metricDocuments().get(0);
        assertThat(output.metricDocuments()).hasSize(1);
        assertThat(metrics.path("FilesProcessed").asLong()).isEqualTo(2);
        assertThat(metrics.path("FilesSkipped").asLong()).isEqualTo(3);
        assertThat(metrics.path("FilesFailed").asLong()).isEqualTo(2);
        assertThat(metrics.path("FilesRetried").asLong()).isZero();
        assertThat(metrics.path("EventsStored").asLong()).isEqualTo(2);
        assertThat(metrics.path("AlertsSent").asLong()).isEqualTo(2);
        assertThat(metrics.path("Records").asLong()).isEqualTo(12);
    }

    @Test
    void anAccessDeniedObjectAndAFailedAlertAreHandedBackAndTheRetryCompletesThem() {
        SQSEvent.SQSMessage quiet = Messages.created(BUCKET, TrailFixtures.D6);
        SQSEvent.SQSMessage denied = Messages.created(BUCKET, TrailFixtures.D9);
        SQSEvent.SQSMessage unalerted = Messages.created(BUCKET, TrailFixtures.D8);
        SQSEvent event = Messages.event(quiet, denied, unalerted);
        stack.s3Hooks.deny(TrailFixtures.D9);
        stack.snsFaults.failAttempts("Publish", 3, FaultInjector.snsInternalError());

        SQSBatchResponse first = handle(event);

        assertThat(failedIds(first)).containsExactly(denied.getMessageId(), unalerted.getMessageId());
        assertThat(stack.storedEventIds()).containsExactly("6cef9c17-5a53-47bd-9d0b-a85143c544a2");
        assertThat(stack.items().get(0)).doesNotContainKey(ItemAttributes.ALERT_SENT_AT);
        assertThat(SNS.publishedTo(stack.topicArn)).isEmpty();
        assertThat(output.logLines("file failed")).extracting(l -> l.path("reason").asText())
                .anySatisfy(r -> assertThat(r).startsWith("S3 GetObject failed: 403 AccessDenied"))
                .anySatisfy(r -> assertThat(r).contains("publishing the alert"));

        stack.s3Hooks.allowAll();
        SQSBatchResponse retry = handle(Messages.redelivery(event, failedIds(first)));
        SQSBatchResponse again = handle(Messages.redelivery(event, failedIds(first)));

        assertThat(retry.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(stack.items()).hasSize(4);
        assertThat(SNS.publishedTo(stack.topicArn))
                .extracting(a -> a.messageAttributes().get("eventName").stringValue())
                .containsExactlyInAnyOrder("CreateAnalyzer", "DeleteArchiveRule", "UntagResource");
        PublishedMessage medium = SNS.publishedTo(stack.topicArn).stream()
                .filter(a -> a.messageAttributes().get("eventName").stringValue().equals("CreateAnalyzer"))
                .findFirst().orElseThrow();
        assertThat(medium.subject())
                .startsWith("[MEDIUM] CreateAnalyzer by arn:aws:iam::444455556666:role/SecurityOps");
        assertThat(medium.messageAttributes().get("accountId").stringValue()).isEqualTo("444455556666");
    }

    @Test
    void theSameNotificationFiveTimesStoresEachEventOnceAndAlertsOnce() {
        SQSEvent.SQSMessage notification = Messages.created(BUCKET, TrailFixtures.D5);

        for (int delivery = 0; delivery < 5; delivery++) {
            assertThat(handle(Messages.event(Messages.withBody(notification.getBody()))).getBatchItemFailures())
                    .isEmpty();
        }

        assertThat(stack.storedEventIds()).containsExactly("511e7b25-ee60-4977-9ed5-616ad420b20e",
                "8a3861b0-bd46-451e-b853-1b20672461af", "99cfd6e3-0f6f-407e-ab4e-fda4ac6438f7");
        assertThat(SNS.publishedTo(stack.topicArn)).hasSize(2)
                .allSatisfy(a -> assertThat(a.messageAttributes().get("severity").stringValue()).isEqualTo("HIGH"));
    }

    @Test
    void twoInvocationsAtOnceOnTheSameNotificationStillStoreAndAlertOnce() throws Exception {
        SQSEvent.SQSMessage notification = Messages.created(BUCKET, TrailFixtures.D7);
        TrailWatchHandler first = stack.handler();
        TrailWatchHandler second = stack.handler();
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<SQSBatchResponse> a = CompletableFuture.supplyAsync(() -> awaitThen(start,
                () -> first.handleRequest(Messages.event(Messages.withBody(notification.getBody())),
                        FakeLambdaContext.plenty())));
        CompletableFuture<SQSBatchResponse> b = CompletableFuture.supplyAsync(() -> awaitThen(start,
                () -> second.handleRequest(Messages.event(Messages.withBody(notification.getBody())),
                        FakeLambdaContext.plenty())));
        start.countDown();
        List<SQSBatchResponse> rounds = new ArrayList<>(List.of(a.get(60, TimeUnit.SECONDS),
                b.get(60, TimeUnit.SECONDS)));

        // A claim held by the other invocation is handed back: SQS would deliver that message again.
        long handedBack = rounds.stream().filter(r -> !r.getBatchItemFailures().isEmpty()).count();
        for (long i = 0; i < handedBack; i++) {
            rounds.add(first.handleRequest(Messages.event(Messages.withBody(notification.getBody())),
                    FakeLambdaContext.plenty()));
        }

        assertThat(rounds.get(rounds.size() - 1).getBatchItemFailures()).isEmpty();
        assertThat(stack.storedEventIds()).containsExactly("83eb563e-24d8-43fd-b396-ec6a21c70d7a",
                "ebbf7412-5716-45eb-b89d-d1bdabd4d39f", "f51767f7-4558-49fa-8790-0aca52dfba7c");
        assertThat(SNS.publishedTo(stack.topicArn))
                .extracting(m -> m.messageAttributes().get("eventName").stringValue())
                .containsExactlyInAnyOrder("UpdateFindings", "UpdateAnalyzer");
    }

    private static <T> T awaitThen(CountDownLatch start, java.util.function.Supplier<T> work) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return work.get();
    }

    @Test
    void snsFailingTwiceIsRetriedByTheSdkAndTheAlertGoesOutOnce() {
        stack.snsFaults.failAttempts("Publish", 2, FaultInjector.snsInternalError());

        SQSBatchResponse response = handle(Messages.event(Messages.created(BUCKET, TrailFixtures.D8)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(stack.snsFaults.attempts("Publish")).isEqualTo(3);
        assertThat(stack.snsFaults.injectedFailures("Publish")).isEqualTo(2);
        List<PublishedMessage> alerts = SNS.publishedTo(stack.topicArn);
        assertThat(alerts).hasSize(1);
        assertThat(stack.items()).singleElement().satisfies(item -> {
            assertThat(item).containsKey(ItemAttributes.ALERT_SENT_AT);
            assertThat(item.get(ItemAttributes.ALERT_MESSAGE_ID).s()).isEqualTo(alerts.get(0).messageId());
        });
    }

    @Test
    void snsFailingBeyondTheSdkRetriesHandsTheMessageBackAndRedeliverySendsItOnce() {
        SQSEvent event = Messages.event(Messages.created(BUCKET, TrailFixtures.D8));
        stack.snsFaults.failAttempts("Publish", 3, FaultInjector.snsInternalError());

        SQSBatchResponse first = handle(event);

        assertThat(failedIds(first)).containsExactly(event.getRecords().get(0).getMessageId());
        assertThat(stack.snsFaults.attempts("Publish")).isEqualTo(3);
        assertThat(SNS.publishedTo(stack.topicArn)).isEmpty();

        assertThat(handle(event).getBatchItemFailures()).isEmpty();
        assertThat(handle(event).getBatchItemFailures()).isEmpty();

        assertThat(SNS.publishedTo(stack.topicArn)).hasSize(1);
        assertThat(stack.items()).hasSize(1);
    }

    @Test
    void dynamoDbFailingBeyondTheSdkRetriesHandsTheMessageBackAndRedeliveryStoresIt() {
        FaultInjector faults = new FaultInjector()
                .failAttempts("BatchWriteItem", 3, FaultInjector.dynamoDbInternalError());
        try (Stack failing = new Stack(S3_MOCK, SNS, faults)) {
            SQSEvent event = Messages.event(Messages.created(BUCKET, TrailFixtures.D1));

            SQSBatchResponse first = failing.handler().handleRequest(event, FakeLambdaContext.plenty());

            assertThat(failedIds(first)).containsExactly(event.getRecords().get(0).getMessageId());
            assertThat(faults.attempts("BatchWriteItem")).isEqualTo(3);
            assertThat(failing.items()).isEmpty();
            assertThat(output.logLines("file failed")).singleElement().satisfies(l -> {
                assertThat(l.path("retryable").asBoolean()).isTrue();
                assertThat(l.path("reason").asText()).startsWith("AWS call failed while processing s3://");
            });

            assertThat(failing.handler().handleRequest(event, FakeLambdaContext.plenty()).getBatchItemFailures()).isEmpty();
            assertThat(failing.storedEventIds()).containsExactly("d5e3e50b-0f3a-4d22-a262-775f6b1e09a4",
                    "e4466019-4961-495f-871a-9f060283e793");
        }
    }

    @Test
    void withTooLittleTimeLeftNoMessageIsStartedAndAllAreHandedBack() {
        SQSEvent event = Messages.event(Messages.created(BUCKET, TrailFixtures.D2),
                Messages.created(BUCKET, TrailFixtures.D5));

        SQSBatchResponse response = stack.handler().handleRequest(event, new FakeLambdaContext(3_000));

        assertThat(failedIds(response)).containsExactly(event.getRecords().get(0).getMessageId(),
                event.getRecords().get(1).getMessageId());
        assertThat(stack.s3Hooks.gets()).isZero();
        assertThat(stack.items()).isEmpty();
        assertThat(output.logLines("time is running short: handing the remaining messages back to the queue"))
                .singleElement().satisfies(l -> assertThat(l.path("notProcessed").asInt()).isEqualTo(2));
    }

    @Test
    void whenTimeRunsShortMidBatchTheRestIsHandedBackAndRedeliveryLosesNothing() {
        SQSEvent event = Messages.event(Messages.created(BUCKET, TrailFixtures.D2),
                Messages.created(BUCKET, TrailFixtures.D5), Messages.created(BUCKET, TrailFixtures.D9));
        FakeLambdaContext context = FakeLambdaContext.plenty();
        // The first file takes "long": when it has been fetched, only 3 s are left.
        stack.s3Hooks.afterEachGet(key -> context.setRemainingMillis(3_000));

        SQSBatchResponse response = stack.handler().handleRequest(event, context);

        assertThat(failedIds(response)).containsExactly(event.getRecords().get(1).getMessageId(),
                event.getRecords().get(2).getMessageId());
        assertThat(stack.items()).hasSize(2);

        stack.s3Hooks.afterEachGet(key -> { });
        assertThat(handle(Messages.redelivery(event, failedIds(response))).getBatchItemFailures()).isEmpty();
        assertThat(stack.items()).hasSize(8);
        assertThat(SNS.publishedTo(stack.topicArn)).hasSize(6);
    }

    @Test
    void keysAreFetchedUnderTheirDecodedNamesAndKeptSoOnTheItems() {
        String encoded = "my+prefix%2B%C3%A9/AWSLogs/o-abcde12345/444455556666/CloudTrail/eu-west-1/2018/06/14/"
                + "444455556666_CloudTrail_eu-west-1_20180614T1210Z_LFvN4B4BXr4g4igd.json.gz";
        String decoded = "my prefix+\u00e9/AWSLogs/o-abcde12345/444455556666/CloudTrail/eu-west-1/2018/06/14/"
                + "444455556666_CloudTrail_eu-west-1_20180614T1210Z_LFvN4B4BXr4g4igd.json.gz";
        stack.putDumpFile(decoded, TrailFixtures.D9);

        SQSBatchResponse response = handle(Messages.event(Messages.created(BUCKET, encoded)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(stack.items()).hasSize(3).allSatisfy(item -> assertThat(
                item.get(ItemAttributes.SOURCE_OBJECT).s()).isEqualTo("s3://" + BUCKET + "/" + decoded));
        assertThat(output.logLines("file processed")).singleElement()
                .satisfies(l -> assertThat(l.path("key").asText()).isEqualTo(decoded));
    }

    @Test
    void aMalformedEscapeInAKeyIsAcknowledgedWithAnError() {
        String malformed = "AWSLogs/111122223333/CloudTrail/us-east-1/bad%zzkey.json.gz";
        SQSEvent event = Messages.event(Messages.created(BUCKET, malformed, TrailFixtures.D2));

        SQSBatchResponse response = handle(event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(output.logLines("file failed")).singleElement().satisfies(line -> {
            assertThat(line.path("level").asText()).isEqualTo("ERROR");
            assertThat(line.path("key").asText()).isEqualTo(malformed);
            assertThat(line.path("reason").asText()).isEqualTo(
                    "malformed URL-encoded key: '%zz' is not a hex escape at position 45");
            assertThat(line.path("messageId").asText()).isEqualTo(event.getRecords().get(0).getMessageId());
        });
        assertThat(stack.items()).hasSize(2);
    }

    @Test
    void recordsOtherThanObjectCreationAreSkipped() {
        String body = Messages.created(BUCKET, TrailFixtures.D2).getBody()
                .replace("ObjectCreated:Put", "ObjectRemoved:Delete");

        SQSBatchResponse response = handle(Messages.event(Messages.withBody(body)));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(stack.s3Hooks.gets()).isZero();
        assertThat(output.logLines("file skipped")).singleElement().satisfies(l -> assertThat(
                l.path("reason").asText()).isEqualTo("event 'ObjectRemoved:Delete' is not an object creation"));
    }

    @Test
    void everyLineOfAnInvocationIsJsonAndCarriesItsRequestId() {
        FakeLambdaContext context = FakeLambdaContext.plenty();

        stack.handler().handleRequest(Messages.event(Messages.created(BUCKET, TrailFixtures.D1)), context);

        // Every stdout line is JSON (jsonLines() fails otherwise); the emulators in this JVM log too, so only the
        // function's own lines are checked for the request id.
        List<JsonNode> lines = output.jsonLines().stream()
                .filter(l -> l.path("logger").asText().startsWith("dev.trailwatch.")).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines)
                .allSatisfy(l -> assertThat(l.path("awsRequestId").asText()).isEqualTo(context.getAwsRequestId()));
        JsonNode summary = output.logLines("file processed").get(0);
        assertThat(summary.path("bucket").asText()).isEqualTo(BUCKET);
        assertThat(summary.path("key").asText()).isEqualTo(TrailFixtures.D1);
        assertThat(summary.path("outcome").asText()).isEqualTo("processed");
        assertThat(summary.path("records").asLong()).isEqualTo(5);
        assertThat(summary.path("events").asLong()).isEqualTo(2);
        assertThat(summary.path("stored").asLong()).isEqualTo(2);
        assertThat(summary.path("alerts").asLong()).isZero();
        assertThat(summary.has("millis")).isTrue();
    }

    @Test
    void secretsInARecordReachNoLogLineOnSuccessOrOnEitherKindOfFailure() {
        String record = """
                {"eventVersion":"1.08","eventTime":"2018-06-14T10:00:00Z","eventSource":"access-analyzer.amazonaws.com",
                 "eventName":"CreateAnalyzer","readOnly":false,"awsRegion":"us-east-1","eventID":"%s",
                 "eventType":"AwsApiCall","recipientAccountId":"111122223333","sourceIPAddress":"192.0.2.1",
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/Alice",
                                 "accountId":"111122223333","accessKeyId":"AKIAPLANTEDSECRET0001"},
                 "requestParameters":{"analyzerName":"x","clientToken":"PLANTED-REQUEST-SECRET-7f3a"},
                 "responseElements":{"arn":"arn:aws:access-analyzer:us-east-1:111122223333:analyzer/x",
                                     "sessionToken":"PLANTED-RESPONSE-SECRET-9c1d"}}""";
        String whole = "{\"Records\":[" + record.formatted("aaaaaaaa-0000-4000-8000-000000000001") + "]}";
        String cut = "{\"Records\":[" + record.formatted("aaaaaaaa-0000-4000-8000-000000000002")
                + ",{\"eventVersion\":\"1.08\",\"requestParameters\":{\"clientToken\":\"PLANTED-REQUEST-SECRET-7f3a";
        String unalerted = "{\"Records\":[" + record.formatted("aaaaaaaa-0000-4000-8000-000000000003") + "]}";
        String prefix = "AWSLogs/111122223333/CloudTrail/us-east-1/2018/06/14/secret-";
        stack.put(BUCKET, prefix + "whole.json.gz", Gzip.gzip(whole));
        stack.put(BUCKET, prefix + "cut.json.gz", Gzip.gzip(cut));
        stack.put(BUCKET, prefix + "unalerted.json", unalerted.getBytes(StandardCharsets.UTF_8));

        SQSBatchResponse succeeded = handle(Messages.event(Messages.created(BUCKET, prefix + "whole.json.gz"),
                Messages.created(BUCKET, prefix + "cut.json.gz")));
        stack.snsFaults.failAttempts("Publish", 3, FaultInjector.snsInternalError());
        SQSBatchResponse retried = handle(Messages.event(Messages.created(BUCKET, prefix + "unalerted.json")));

        assertThat(succeeded.getBatchItemFailures()).isEmpty();
        assertThat(retried.getBatchItemFailures()).hasSize(1);
        assertThat(output.logLines("file processed")).hasSize(1);
        assertThat(output.logLines("file failed")).hasSize(2)
                .anySatisfy(l -> assertThat(l.path("retryable").asBoolean()).isFalse())
                .anySatisfy(l -> assertThat(l.path("retryable").asBoolean()).isTrue());
        // The whole file and the whole record before the cut alert; the alerts carry the event, secrets and all.
        assertThat(SNS.publishedTo(stack.topicArn)).hasSize(2)
                .allSatisfy(alert -> assertThat(alert.message()).contains("PLANTED-REQUEST-SECRET-7f3a"));
        assertThat(output.all()).doesNotContain("PLANTED-REQUEST-SECRET-7f3a", "PLANTED-RESPONSE-SECRET-9c1d",
                "AKIAPLANTEDSECRET0001", "clientToken", "sessionToken");
    }

    @Test
    void theHandlerBuiltFromAnEmptyEnvironmentFailsNamingTheVariables() {
        assertThatThrownBy(TrailWatchHandler::new)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TABLE_NAME is not set")
                .hasMessageContaining("ALERT_TOPIC_ARN is not set");
    }
}
