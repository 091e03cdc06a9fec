package dev.trailwatch.lambda.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.lambda.Messages;
import dev.trailwatch.lambda.TrailFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3NotificationParserTest {

    private final S3NotificationParser parser = new S3NotificationParser(new ObjectMapper());

    private static List<SQSEvent.SQSMessage> mixedBatch() {
        return Messages.fromPayload("sqs-mixed-batch.json");
    }

    @Test
    void aNotificationGivesItsRecordsInOrderWithTheKeysStillEncoded() {
        S3Notification notification = parser.parse(mixedBatch().get(1).getBody());

        assertThat(notification).isEqualTo(new S3Notification.Records(List.of(
                new S3Notification.EventRecord("aws:s3", "ObjectCreated:Put", TrailFixtures.BUCKET, TrailFixtures.D5),
                new S3Notification.EventRecord("aws:s3", "ObjectCreated:Put", TrailFixtures.BUCKET, TrailFixtures.D9))));
    }

    @Test
    void theTestEventIsRecognisedWithItsBucket() {
        assertThat(parser.parse(mixedBatch().get(2).getBody()))
                .isEqualTo(new S3Notification.TestEvent(TrailFixtures.BUCKET));
    }

    @Test
    void aBodyThatIsNotJsonIsUnreadableAndTheReasonDoesNotQuoteIt() {
        S3Notification notification = parser.parse(mixedBatch().get(4).getBody());

        assertThat(notification).isInstanceOf(S3Notification.Unreadable.class);
        String reason = ((S3Notification.Unreadable) notification).reason();
        assertThat(reason).startsWith("the message body is not JSON (parse error at line 1");
        assertThat(reason).doesNotContain("not json:").doesNotContain("trailwatch-trail-bucket");
    }

    @Test
    void jsonOfAnotherShapeIsUnreadable() {
        assertThat(parser.parse("{\"Type\":\"Notification\"}"))
                .isEqualTo(new S3Notification.Unreadable("not an S3 event notification: no Records array"));
        assertThat(parser.parse("[1,2]"))
                .isEqualTo(new S3Notification.Unreadable("the message body is not a JSON object"));
        assertThat(parser.parse(""))
                .isEqualTo(new S3Notification.Unreadable("the message body is empty"));
    }

    @Test
    void missingFieldsOfARecordAreNullNotAnError() {
        String body = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":7}}}]}";
        assertThat(parser.parse(body))
                .isEqualTo(new S3Notification.Records(List.of(
                        new S3Notification.EventRecord(null, "ObjectCreated:Put", null, null))));
    }
}
