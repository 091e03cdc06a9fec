package dev.trailwatch.lambda.input;

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
        MessageBody read = MessageBody.read(mapper, body);
        if (read.unreadable() != null) {
            return read.unreadable();
        }
        JsonNode tree = read.tree();
        if (tree != null && EventBridgeEvent.looksLikeOne(tree)) {
            return EventBridgeEvent.fromTree(tree);
        }
        return notifications.fromTree(tree);
    }
}
