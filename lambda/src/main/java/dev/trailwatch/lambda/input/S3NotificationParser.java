package dev.trailwatch.lambda.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads S3 event notifications leniently where S3's shape is plain (unknown fields are ignored) and names what
 * is wrong otherwise. Only the fields needed to find the object are read: the notification's
 * requestParameters and responseElements are never looked at, so they cannot reach a log line.
 */
public final class S3NotificationParser {

    private final ObjectMapper mapper;

    public S3NotificationParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public S3Notification parse(String body) {
        MessageBody read = MessageBody.read(mapper, body);
        return read.unreadable() != null ? read.unreadable() : fromTree(read.tree());
    }

    public S3Notification fromTree(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return new S3Notification.Unreadable("the message body is not a JSON object");
        }
        if ("s3:TestEvent".equals(text(tree, "Event"))) {
            return new S3Notification.TestEvent(text(tree, "Bucket"));
        }
        JsonNode records = tree.get("Records");
        if (records == null || !records.isArray()) {
            return new S3Notification.Unreadable("not an S3 event notification: no Records array");
        }
        List<S3Notification.EventRecord> parsed = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode s3 = record.path("s3");
            parsed.add(new S3Notification.EventRecord(
                    text(record, "eventSource"),
                    text(record, "eventName"),
                    text(s3.path("bucket"), "name"),
                    text(s3.path("object"), "key")));
        }
        return new S3Notification.Records(parsed);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
