package dev.trailwatch.lambda.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class QueueMessageParserTest {

    private final QueueMessageParser parser =
            new QueueMessageParser(new ObjectMapper(), new S3NotificationParser(new ObjectMapper()));

    private static String event(String detailType, String detail) {
        return "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"" + detailType + "\",\"source\":\"aws.iam\","
                + "\"region\":\"us-east-1\",\"detail\":" + detail + "}";
    }

    @Test
    void aCloudTrailCallFromEventBridgeIsOneRecordNamedByRegionAndId() {
        QueueMessage message = parser.parse(event("AWS API Call via CloudTrail", "{\"eventName\":\"DeleteRole\"}"));

        assertThat(message).isInstanceOfSatisfying(EventBridgeEvent.class, e -> {
            assertThat(e.source()).isEqualTo("eventbridge:us-east-1/e-1");
            assertThat(e.detail().path("eventName").asText()).isEqualTo("DeleteRole");
        });
    }

    @Test
    void anS3NotificationIsStillReadAsOne() {
        QueueMessage message = parser.parse("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":"
                + "\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\"}}}]}");

        assertThat(message).isInstanceOf(S3Notification.Records.class);
    }

    @Test
    void anotherDetailTypeIsUnreadableAndNamed() {
        assertThat(parser.parse(event("Scheduled Event", "{}")))
                .isEqualTo(new S3Notification.Unreadable("an EventBridge event of detail-type 'Scheduled Event',"
                        + " not \"AWS API Call via CloudTrail\""));
    }

    @Test
    void aDetailThatIsNoObjectIsUnreadableWithoutQuotingIt() {
        QueueMessage message = parser.parse(event("AWS API Call via CloudTrail", "\"AKIASECRET\""));

        assertThat(message).isInstanceOfSatisfying(S3Notification.Unreadable.class,
                u -> assertThat(u.reason()).contains("detail is not a JSON object").doesNotContain("AKIASECRET"));
    }

    @Test
    void anEventWithoutItsIdIsUnreadable() {
        QueueMessage message = parser.parse("{\"detail-type\":\"AWS API Call via CloudTrail\",\"region\":\"r\","
                + "\"detail\":{}}");

        assertThat(message).isEqualTo(new S3Notification.Unreadable("an EventBridge event without its id"));
    }

    @Test
    void aBodyThatIsNotJsonIsUnreadableWithItsPlaceOnly() {
        assertThat(parser.parse("{\"secret\": AKIA"))
                .isInstanceOfSatisfying(S3Notification.Unreadable.class,
                        u -> assertThat(u.reason()).startsWith("the message body is not JSON").doesNotContain("AKIA"));
    }
}
