package dev.trailwatch.lambda;

import static dev.trailwatch.lambda.TrailFixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.HttpEndpoint;
import dev.trailwatch.testing.MotoServer;
import dev.trailwatch.testing.PublishedMessage;
import dev.trailwatch.testing.S3Objects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each kind of subscriber of the alert topic receives from the function's one publish per alert, through
 * moto's SNS (which delivers the key of a {@code MessageStructure=json} message that matches the subscription's
 * protocol, else {@code default}, and applies filter policies): the queue keeps the full text, an HTTPS subscriber
 * (Amazon Q Developer in chat applications subscribes so) gets the chat notification, a filter policy on the
 * attributes still selects, and with {@code ALERT_DETAIL=summary} email gets the text without the event.
 */
class AlertDeliveryEndToEndTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3Objects.mock(BUCKET);

    @RegisterExtension
    static final MotoServer SNS = MotoServer.shared();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of(TrailFixtures.D2, TrailFixtures.D3, TrailFixtures.D5);

    private final Stack stack = new Stack(S3_MOCK, SNS);
    private final HttpEndpoint https = HttpEndpoint.start();

    @BeforeAll
    static void uploadTheDump() {
        try (Stack uploader = new Stack(S3_MOCK, SNS)) {
            FILES.forEach(key -> uploader.putDumpFile(key, key));
        }
    }

    @AfterEach
    void close() {
        https.close();
        stack.close();
    }

    private void processTheFilesWith(AlertDetail detail) {
        SNS.subscribe(stack.topicArn, "https", https.url("/chat"), null);
        SNS.subscribe(stack.topicArn, "https", https.url("/pager"), "{\"severity\": [\"HIGH\"]}");
        SNS.subscribe(stack.topicArn, "email", "security@example.com", null);
        SQSBatchResponse response = stack.handler(stack.config.withAlertDetail(detail)).handleRequest(
                Messages.event(FILES.stream().map(key -> Messages.created(BUCKET, key)).toList()),
                FakeLambdaContext.plenty());
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    private static Schema chatSchema() throws IOException {
        try (InputStream in = AlertDeliveryEndToEndTest.class.getResourceAsStream("/chat/custom-notification.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(in));
        }
    }

    @Test
    void theQueueKeepsTheFullTextAndTheHttpsSubscriberGetsAValidChatNotificationPerAlert() throws IOException {
        processTheFilesWith(AlertDetail.FULL);

        List<PublishedMessage> queued = SNS.publishedTo(stack.topicArn);
        List<JsonNode> chat = https.postedTo("/chat");
        assertThat(queued).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(m -> assertThat(m.message()).contains("\nEvent (JSON):\n{"));
        assertThat(chat).hasSameSizeAs(queued);
        Schema schema = chatSchema();
        for (JsonNode post : chat) {
            JsonNode notification = JSON.readTree(post.get("Message").asText());
            assertThat(schema.validate(notification)).extracting(Error::toString).isEmpty();
            assertThat(post.get("Subject").asText()).isEqualTo(notification.at("/content/title").asText());
        }
        assertThat(chat).extracting(p -> readTree(p.get("Message").asText()).at("/id").asText())
                .containsExactlyInAnyOrderElementsOf(queued.stream().map(AlertDeliveryEndToEndTest::eventIdOf).toList());
    }

    @Test
    void aFilterPolicyOnTheSeverityStillSelectsTheAlerts() throws IOException {
        processTheFilesWith(AlertDetail.FULL);

        List<PublishedMessage> queued = SNS.publishedTo(stack.topicArn);
        List<String> high = queued.stream()
                .filter(m -> m.messageAttributes().get("severity").stringValue().equals("HIGH"))
                .map(AlertDeliveryEndToEndTest::eventIdOf).toList();
        assertThat(high).isNotEmpty().hasSizeLessThan(queued.size());
        List<String> paged = https.postedTo("/pager").stream()
                .map(p -> readTree(p.get("Message").asText()).at("/id").asText()).toList();
        assertThat(paged).containsExactlyInAnyOrderElementsOf(high);
    }

    @Test
    void withSummaryDetailEmailGetsTheTextWithoutTheEventAndTheQueueStillGetsItWhole() throws IOException {
        processTheFilesWith(AlertDetail.SUMMARY);

        List<String> published = SNS.publishRequests(stack.topicArn);
        List<PublishedMessage> queued = SNS.publishedTo(stack.topicArn);
        assertThat(published).hasSameSizeAs(queued).isNotEmpty();
        for (String document : published) {
            JsonNode messages = JSON.readTree(document);
            assertThat(messages.get("email").asText()).contains("\nBy ").contains("CloudTrail:")
                    .doesNotContain("Event (JSON)").doesNotContain("\"requestParameters\"");
            assertThat(messages.get("email-json").asText()).isEqualTo(messages.get("email").asText());
            assertThat(messages.get("default").asText()).startsWith(messages.get("email").asText())
                    .contains("\nEvent (JSON):\n");
        }
        assertThat(queued).allSatisfy(m -> assertThat(m.message()).contains("\"requestParameters\""));
    }

    @Test
    void byDefaultEmailGetsTheWholeText() throws IOException {
        processTheFilesWith(AlertDetail.FULL);

        for (String document : SNS.publishRequests(stack.topicArn)) {
            JsonNode messages = JSON.readTree(document);
            assertThat(messages.has("email")).isFalse(); // email falls back to default: the whole text
            assertThat(messages.get("default").asText()).contains("\nEvent (JSON):\n");
        }
    }

    private static String eventIdOf(PublishedMessage message) {
        String text = message.message();
        int at = text.indexOf("Event ID:");
        return text.substring(at + "Event ID:".length(), text.indexOf('\n', at)).strip();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
