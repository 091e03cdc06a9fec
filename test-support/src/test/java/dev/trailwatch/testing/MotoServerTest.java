package dev.trailwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.trailwatch.testing.PublishedMessage.MessageAttribute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;

/** moto's server through the SDK's real clients, and what the tests read back from it. */
class MotoServerTest {

    @RegisterExtension
    static final MotoServer moto = MotoServer.shared();

    private final FaultInjector faults = new FaultInjector();
    private final SnsClient client = moto.snsClient(faults);
    private String topicArn;

    @BeforeEach
    void createTopic() {
        topicArn = moto.createTopic("alerts-" + UUID.randomUUID());
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Test
    void aTopicIsInMotosAccountAndCreatingItAgainGivesTheSameTopicAndNoSecondQueue() {
        String name = "trailwatch-alerts-" + UUID.randomUUID();
        String arn = moto.createTopic(name);

        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:123456789012:" + name);
        assertThat(moto.createTopic(name)).isEqualTo(arn);
        client.publish(b -> b.topicArn(arn).message("once"));
        assertThat(moto.publishedTo(arn)).extracting(PublishedMessage::message).containsExactly("once");
    }

    @Test
    void aMessageWithSubjectAndFourAttributesArrivesExactlyAsSent() {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("eventName", string("CreateAnalyzer"));
        attributes.put("principal", string("arn:aws:iam::123456789012:role/Admin"));
        attributes.put("account", string("123456789012"));
        attributes.put("severity", string("HIGH"));
        String body = "{\"who\":\"Zoë Ångström\",\"note\":\"日本語 ✓ 🚨\"}";

        PublishResponse response = client.publish(b -> b.topicArn(topicArn).subject("Access Analyzer change")
                .message(body).messageAttributes(attributes));

        List<PublishedMessage> published = moto.publishedTo(topicArn);
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
    }

    @Test
    void aMessageWithoutSubjectOrAttributesHasNone() {
        client.publish(b -> b.topicArn(topicArn).message("plain"));

        assertThat(moto.publishedTo(topicArn)).singleElement().satisfies(m -> {
            assertThat(m.subject()).isNull();
            assertThat(m.messageAttributes()).isEmpty();
        });
    }

    @Test
    void numberAndBinaryAttributesKeepTheirDataTypes() {
        client.publish(b -> b.topicArn(topicArn).message("m").messageAttributes(Map.of(
                "count", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff})).build())));

        assertThat(moto.publishedTo(topicArn).get(0).messageAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "count", MessageAttribute.number("42"),
                "blob", new MessageAttribute("Binary", null, SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff}))));
    }

    @Test
    void aBatchOfThreeArrivesAsThreeMessagesWithTheIdsPublishBatchGave() {
        PublishBatchResponse response = client.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a").message("first").subject("One").build(),
                PublishBatchRequestEntry.builder().id("b").message("second")
                        .messageAttributes(Map.of("k", string("v"))).build(),
                PublishBatchRequestEntry.builder().id("c").message("third ✓").build()));

        assertThat(response.failed()).isEmpty();
        assertThat(response.successful()).extracting(e -> e.id()).containsExactly("a", "b", "c");
        List<PublishedMessage> published = moto.publishedTo(topicArn);
        assertThat(published).extracting(PublishedMessage::message, PublishedMessage::subject)
                .containsExactlyInAnyOrder(tuple("first", "One"), tuple("second", null), tuple("third ✓", null));
        assertThat(published).filteredOn(m -> m.message().equals("second")).singleElement()
                .satisfies(m -> assertThat(m.messageAttributes()).containsEntry("k", MessageAttribute.string("v")));
        assertThat(published).extracting(PublishedMessage::messageId)
                .containsExactlyInAnyOrderElementsOf(response.successful().stream().map(e -> e.messageId()).toList());
    }

    @Test
    void eachReadReturnsEverythingSoFarAndNoMessageTwice() {
        client.publish(b -> b.topicArn(topicArn).message("1"));
        assertThat(moto.publishedTo(topicArn)).extracting(PublishedMessage::message).containsExactly("1");

        IntStream.rangeClosed(2, 25).forEach(i -> client.publish(b -> b.topicArn(topicArn).message("" + i)));

        List<PublishedMessage> published = moto.publishedTo(topicArn);
        assertThat(published).hasSize(25).extracting(PublishedMessage::message)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 25).mapToObj(i -> "" + i).toList());
        assertThat(published).extracting(PublishedMessage::messageId).doesNotHaveDuplicates();
        assertThat(moto.publishedTo(topicArn)).isEqualTo(published);
    }

    @Test
    void eachTopicHasItsOwnQueue() {
        String other = moto.createTopic("other-" + UUID.randomUUID());

        client.publish(b -> b.topicArn(topicArn).message("to the first"));
        client.publish(b -> b.topicArn(other).message("to the other"));

        assertThat(moto.publishedTo(topicArn)).extracting(PublishedMessage::message).containsExactly("to the first");
        assertThat(moto.publishedTo(other)).extracting(PublishedMessage::message).containsExactly("to the other");
    }

    @Test
    void aSubjectOfAHundredCharactersIsAcceptedAndALongerOneRejected() {
        String hundred = "x".repeat(100);
        client.publish(b -> b.topicArn(topicArn).subject(hundred).message("m"));

        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).subject(hundred + "x").message("m")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                });
        assertThat(moto.publishedTo(topicArn)).extracting(PublishedMessage::subject).containsExactly(hundred);
    }

    @Test
    void aMessageOverTheSizeLimitIsRejectedAndOneAtTheLimitIsAccepted() {
        String atLimit = "x".repeat(262_144);
        client.publish(b -> b.topicArn(topicArn).message(atLimit));

        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message(atLimit + "x")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("Message too long"));
        assertThat(moto.publishedTo(topicArn)).singleElement()
                .satisfies(m -> assertThat(m.message()).hasSize(262_144));
    }

    @Test
    void emptyAndNonNumericAttributeValuesAreRejected() {
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message("m")
                .messageAttributes(Map.of("empty", string("")))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("'empty'", "non-empty"));
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message("m")
                .messageAttributes(Map.of("n", MessageAttributeValue.builder().dataType("Number")
                        .stringValue("twelve").build()))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).contains("to number"));
        assertThat(moto.publishedTo(topicArn)).isEmpty();
    }

    @Test
    void publishingToATopicThatDoesNotExistAnswersNotFound() {
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn + "-missing").message("m")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(faults.attempts("Publish")).as("not retried").isEqualTo(1);
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
        assertThat(moto.publishedTo(topicArn)).isEmpty();
    }

    @Test
    void twoServerErrorsAreRetriedByTheDefaultRetryStrategyAndTheThirdAttemptReachesMoto() {
        faults.failAttempts("Publish", 2, FaultInjector.snsInternalError());

        PublishResponse response = client.publish(b -> b.topicArn(topicArn).message("after retries"));

        assertThat(faults.attempts("Publish")).isEqualTo(3);
        assertThat(faults.injectedFailures("Publish")).isEqualTo(2);
        assertThat(moto.publishedTo(topicArn)).extracting(PublishedMessage::messageId)
                .containsExactly(response.messageId());
    }

    @Test
    void throttlingIsRetriedLikeTheRealService() {
        faults.failAttempts("Publish", 1, FaultInjector.snsThrottling());

        client.publish(b -> b.topicArn(topicArn).message("after throttling"));

        assertThat(faults.attempts("Publish")).isEqualTo(2);
        assertThat(moto.publishedTo(topicArn)).hasSize(1);
    }

    @Test
    void theStandardRetryStrategyGivesUpAfterThreeAttempts() {
        try (SnsClient standard = moto.snsClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(faults))
                .build()) {
            faults.failAttempts("Publish", 3, FaultInjector.snsInternalError());

            assertThatThrownBy(() -> standard.publish(b -> b.topicArn(topicArn).message("never")))
                    .isInstanceOfSatisfying(InternalErrorException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
                        assertThat(e.numAttempts()).isEqualTo(3);
                    });
            assertThat(faults.attempts("Publish")).isEqualTo(3);
            assertThat(moto.publishedTo(topicArn)).isEmpty();
        }
    }

    @Test
    void aSenderErrorIsNotRetriedAndReachesTheCallerWithItsCode() {
        faults.failAttempts("Publish", 1, FaultInjector.serviceError(InvalidParameterException::builder, "Sns", 400,
                "InvalidParameter", "Invalid parameter"));

        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message("rejected")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                });
        assertThat(faults.attempts("Publish")).isEqualTo(1);
        assertThat(moto.publishedTo(topicArn)).isEmpty();
    }

    @Test
    void resetEmptiesMotoAndForgetsTheQueues() {
        client.publish(b -> b.topicArn(topicArn).message("before the reset"));

        moto.reset();

        assertThat(client.listTopics().topics()).isEmpty();
        assertThatThrownBy(() -> moto.publishedTo(topicArn)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createTopic");
        assertThatThrownBy(() -> client.publish(b -> b.topicArn(topicArn).message("after the reset")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theServersOutputIsKeptInAFileUnderTarget() throws IOException {
        client.publish(b -> b.topicArn(topicArn).message("logged"));

        assertThat(MotoServer.log()).startsWith(Path.of("target").toAbsolutePath());
        assertThat(Files.readString(MotoServer.log(), StandardCharsets.UTF_8))
                .contains("POST / HTTP/1.1\" 200", "POST /moto-api/reset HTTP/1.1\" 200");
    }

    @Test
    void withoutMotoTheFailureSaysHowToInstallIt(@TempDir Path dir) throws IOException {
        Path python = dir.resolve("python-without-moto");
        Files.writeString(python, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'moto'\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> MotoServer.start(python.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No module named 'moto'")
                .hasMessageEndingWith("install moto: pip install 'moto[server]'");
        assertThatThrownBy(() -> MotoServer.start(dir.resolve("no-python-here").toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("install moto: pip install 'moto[server]'");
    }
}
