package dev.trailwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trailwatch.testing.SnsQueryServer.MessageAttribute;
import dev.trailwatch.testing.SnsQueryServer.PublishedMessage;
import dev.trailwatch.testing.SnsQueryServer.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;

class SnsQueryServerTest {

    @RegisterExtension
    static final SnsQueryServer sns = new SnsQueryServer();

    private static SnsClient client;
    private static String topicArn;

    @BeforeAll
    static void createTopic() {
        client = sns.client();
        topicArn = client.createTopic(b -> b.name("trailwatch-alerts")).topicArn();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Test
    void createTopicThroughTheClientReturnsAnArnTheServerKnows() {
        assertThat(topicArn).isEqualTo("arn:aws:sns:us-east-1:123456789012:trailwatch-alerts");
        assertThat(sns.createTopic("trailwatch-alerts")).isEqualTo(topicArn);
    }

    @Test
    void theRealClientSpeaksTheQueryProtocolAsAFormEncodedPost() {
        client.publish(b -> b.topicArn(topicArn).subject("Hello").message("body & more = 100%")
                .messageAttributes(Map.of("eventName", string("CreateAnalyzer"))));

        RecordedRequest request = sns.requests("Publish").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=test/");
        assertThat(request.body())
                .startsWith("Action=Publish&Version=2010-03-31&")
                .contains("TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Atrailwatch-alerts")
                .contains("Message=body+%26+more+%3D+100%25")
                .contains("Subject=Hello")
                .contains("MessageAttributes.entry.1.Name=eventName")
                .contains("MessageAttributes.entry.1.Value.DataType=String")
                .contains("MessageAttributes.entry.1.Value.StringValue=CreateAnalyzer");
    }

    @Test
    void aPublishedMessageWithSubjectAndFourAttributesIsRecordedExactlyAsSent() {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("eventName", string("CreateAnalyzer"));
        attributes.put("principal", string("arn:aws:iam::123456789012:role/Admin"));
        attributes.put("account", string("123456789012"));
        attributes.put("severity", string("HIGH"));
        String body = "{\"who\":\"Zoë Ångström\",\"note\":\"日本語 ✓ 🚨\"}";

        PublishResponse response = client.publish(b -> b.topicArn(topicArn).subject("Access Analyzer change")
                .message(body).messageAttributes(attributes));

        List<PublishedMessage> published = sns.published();
        assertThat(published).hasSize(1);
        PublishedMessage message = published.get(0);
        assertThat(response.messageId()).isNotBlank().isEqualTo(message.messageId());
        assertThat(message.topicArn()).isEqualTo(topicArn);
        assertThat(message.subject()).isEqualTo("Access Analyzer change");
        assertThat(message.message()).isEqualTo(body);
        assertThat(message.messageAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "eventName", MessageAttribute.string("CreateAnalyzer"),
                "principal", MessageAttribute.string("arn:aws:iam::123456789012:role/Admin"),
                "account", MessageAttribute.string("123456789012"),
                "severity", MessageAttribute.string("HIGH")));
        assertThat(message.batchEntryId()).isNull();
        assertThat(message.signed()).isTrue();
    }

    @Test
    void numberAndBinaryAttributesKeepTheirDataTypes() {
        client.publish(b -> b.topicArn(topicArn).message("m").messageAttributes(Map.of(
                "count", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff})).build())));

        assertThat(sns.published().get(0).messageAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "count", MessageAttribute.number("42"),
                "blob", new MessageAttribute("Binary", null, SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff}))));
    }

    @Test
    void aBatchOfThreeIsRecordedAsThreeMessagesWithTheirIds() {
        PublishBatchResponse response = client.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message("first").subject("One").build(),
                PublishBatchRequestEntry.builder().id("b").message("second")
                        .messageAttributes(Map.of("k", string("v"))).build(),
                PublishBatchRequestEntry.builder().id("c").message("third ✓").build()));

        assertThat(response.failed()).isEmpty();
        assertThat(response.successful()).extracting(e -> e.id()).containsExactly("a", "b", "c");
        List<PublishedMessage> published = sns.published();
        assertThat(published).extracting(PublishedMessage::batchEntryId, PublishedMessage::message,
                        PublishedMessage::subject)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "first", "One"),
                        org.assertj.core.groups.Tuple.tuple("b", "second", null),
                        org.assertj.core.groups.Tuple.tuple("c", "third ✓", null));
        assertThat(published.get(1).messageAttributes()).containsEntry("k", MessageAttribute.string("v"));
        assertThat(response.successful()).extracting(e -> e.messageId())
                .containsExactlyElementsOf(published.stream().map(PublishedMessage::messageId).toList());
        assertThat(sns.requests("PublishBatch").get(0).body())
                .contains("PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Name=k");
    }

    @Test
    void failedBatchEntriesAreReportedInTheFailedListAndNotPublished() {
        sns.failNextBatchEntries(1, "InternalError", false);

        PublishBatchResponse response = client.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message("first").build(),
                PublishBatchRequestEntry.builder().id("b").message("second").build()));

        assertThat(response.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("a");
            assertThat(f.code()).isEqualTo("InternalError");
            assertThat(f.senderFault()).isFalse();
        });
        assertThat(response.successful()).extracting(e -> e.id()).containsExactly("b");
        assertThat(sns.published()).extracting(PublishedMessage::message).containsExactly("second");
    }

    @Test
    void twoServerErrorsAreRetriedByTheDefaultRetryStrategyAndTheThirdAttemptSucceeds() {
        sns.failNext(2, 500, "InternalError");

        PublishResponse response = client.publish(b -> b.topicArn(topicArn).message("after retries"));

        assertThat(sns.requests("Publish")).extracting(RecordedRequest::status).containsExactly(500, 500, 200);
        assertThat(sns.published()).extracting(PublishedMessage::messageId).containsExactly(response.messageId());
    }

    @Test
    void throttlingIsRetriedLikeTheRealService() {
        sns.failNext(1, 400, "Throttling");

        client.publish(b -> b.topicArn(topicArn).message("after throttling"));

        assertThat(sns.requests("Publish")).extracting(RecordedRequest::errorCode).containsExactly("Throttling", null);
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void theStandardRetryStrategyGivesUpAfterThreeAttempts() {
        try (SnsClient standard = sns.clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build()) {
            sns.failNext(3, 500, "InternalError");

            assertThatThrownBy(() -> standard.publish(b -> b.topicArn(topicArn).message("never")))
                    .isInstanceOfSatisfying(InternalErrorException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
                        assertThat(e.numAttempts()).isEqualTo(3);
                    });
            assertThat(sns.requests("Publish")).hasSize(3);
            assertThat(sns.published()).isEmpty();
        }
    }

    @Test
    void aSenderErrorIsNotRetriedAndReachesTheCallerWithItsCode() {
        sns.failNext(1, 400, "InvalidParameter");

        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message("rejected")))
                .isInstanceOfSatisfying(SnsException.class, e -> {
                    assertThat(e).isInstanceOf(InvalidParameterException.class);
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                    assertThat(e.requestId()).isEqualTo(sns.requests().get(0).requestId());
                });
        assertThat(sns.requests("Publish")).hasSize(1);
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void aSubjectWithALineBreakIsRejectedLikeRealSns() {
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).subject("two\nlines").message("m")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid parameter: Subject");
                });
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void subjectsMustBeShortPrintableAscii() {
        String hundred = "x".repeat(100);
        client.publish(b -> b.topicArn(topicArn).subject(hundred).message("m"));

        for (String bad : List.of(hundred + "x", "Zoë", "tab\there", "", " leading space")) {
            assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).subject(bad).message("m")))
                    .as("subject %s", bad)
                    .isInstanceOf(InvalidParameterException.class);
        }
        assertThat(sns.published()).extracting(PublishedMessage::subject).containsExactly(hundred);
    }

    @Test
    void aMessageOverTheSizeLimitIsRejectedAndOneAtTheLimitIsAccepted() {
        String atLimit = "é".repeat(SnsQueryServer.MAX_MESSAGE_BYTES / 2);
        client.publish(b -> b.topicArn(topicArn).message(atLimit));

        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message(atLimit + "x")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid parameter: Message too long"));
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message(atLimit)
                .messageAttributes(Map.of("k", string("v")))))
                .as("attributes count towards the limit")
                .isInstanceOf(InvalidParameterException.class);
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void emptyMessagesAndEmptyAttributeValuesAreRejected() {
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message("")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message("m")
                .messageAttributes(Map.of("empty", string("")))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ParameterValueInvalid"));
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message("m")
                .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("Number")
                        .stringValue("twelve").build()))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void publishingToATopicThatDoesNotExistAnswersNotFound() {
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn + "-missing").message("m")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void batchesFollowTheServiceRules() {
        List<PublishBatchRequestEntry> eleven = IntStream.range(0, 11)
                .mapToObj(i -> PublishBatchRequestEntry.builder().id("e" + i).message("m").build()).toList();
        assertThatThrownBy(() -> client.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(eleven)))
                .isInstanceOf(TooManyEntriesInBatchRequestException.class);
        assertThatThrownBy(() -> client.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("same").message("1").build(),
                PublishBatchRequestEntry.builder().id("same").message("2").build())))
                .isInstanceOfSatisfying(SnsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BatchEntryIdsNotDistinct"));
        assertThatThrownBy(() -> client.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("ok").message("1").build(),
                PublishBatchRequestEntry.builder().id("bad").subject("a\nb").message("2").build())))
                .as("one invalid entry fails the whole batch")
                .isInstanceOf(InvalidParameterException.class);
        String half = "x".repeat(SnsQueryServer.MAX_MESSAGE_BYTES / 2);
        assertThatThrownBy(() -> client.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message(half).build(),
                PublishBatchRequestEntry.builder().id("b").message(half + "x").build())))
                .isInstanceOfSatisfying(SnsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BatchRequestTooLong"));
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void recordingsAndFaultsAreClearedBeforeEachTest() {
        // Runs in any order with the others: the extension's beforeEach reset leaves nothing behind.
        assertThat(sns.requests()).isEmpty();
        assertThat(sns.published()).isEmpty();
        client.publish(b -> b.topicArn(topicArn).message("no fault pending"));
        assertThat(sns.requests()).extracting(RecordedRequest::status).containsExactly(200);
    }
}
