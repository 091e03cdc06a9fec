package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQS messages carrying S3 event notifications, as the queue hands them to the function. */
public final class Messages {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Messages() {
    }

    /** The messages of a payload file under events/lambda/. */
    public static List<SQSEvent.SQSMessage> fromPayload(String name) {
        return EventLoader.loadSQSEvent(TrailFixtures.lambdaPayload(name).toString()).getRecords();
    }

    /** A notification of ObjectCreated:Put records, one per key; keys are given as S3 encodes them. */
    public static SQSEvent.SQSMessage created(String bucket, String... encodedKeys) {
        ObjectNode body = MAPPER.createObjectNode();
        for (String key : encodedKeys) {
            ObjectNode record = body.withArray("Records").addObject();
            record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "us-east-1")
                    .put("eventName", "ObjectCreated:Put");
            ObjectNode s3 = record.putObject("s3");
            s3.putObject("bucket").put("name", bucket);
            s3.putObject("object").put("key", key).put("size", 1);
        }
        return withBody(body.toString());
    }

    /** The same body under a new message id: what a second S3 notification of one object looks like. */
    public static SQSEvent.SQSMessage withBody(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(body);
        message.setEventSource("aws:sqs");
        return message;
    }

    public static SQSEvent event(SQSEvent.SQSMessage... messages) {
        return event(List.of(messages));
    }

    public static SQSEvent event(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(messages));
        return event;
    }

    /** The messages of {@code event} whose ids are given, in order: what SQS delivers again. */
    public static SQSEvent redelivery(SQSEvent event, List<String> messageIds) {
        return event(event.getRecords().stream().filter(m -> messageIds.contains(m.getMessageId())).toList());
    }
}
