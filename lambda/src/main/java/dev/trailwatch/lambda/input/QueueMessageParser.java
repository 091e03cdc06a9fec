package dev.trailwatch.lambda.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tells the two kinds of queue message apart by shape: an EventBridge envelope ({@code detail-type} and {@code
 * detail}) is the fast path's event, anything else is read as an S3 event notification.
 */
public final class QueueMessageParser {

    private final ObjectMapper mapper;
    private final S3NotificationParser notifications;

    public QueueMessageParser(ObjectMapper mapper, S3NotificationParser notifications) {
        this.mapper = mapper;
        this.notifications = notifications;
    }

    public QueueMessage parse(String body) {
        if (body == null || body.isBlank()) {
            return new S3Notification.Unreadable("the message body is empty");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the offending text; only its place is safe to log.
            String where = e.getLocation() == null ? ""
                    : " (parse error at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            return new S3Notification.Unreadable("the message body is not JSON" + where);
        }
        if (tree != null && EventBridgeEvent.looksLikeOne(tree)) {
            return EventBridgeEvent.fromTree(tree);
        }
        return notifications.fromTree(tree);
    }
}
