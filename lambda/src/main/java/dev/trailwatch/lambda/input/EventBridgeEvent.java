package dev.trailwatch.lambda.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.DeliveryPath;

/**
 * An EventBridge event of detail-type "AWS API Call via CloudTrail": {@code detail} is the CloudTrail record, the
 * same as the log file will hold minutes later. Only the envelope fields that name the event are kept.
 */
public record EventBridgeEvent(String id, String region, ObjectNode detail) implements QueueMessage {

    public static final String API_CALL = "AWS API Call via CloudTrail";

    /** Where the record came from, kept on the item it creates: {@code eventbridge:<region>/<event id>}. */
    public String source() {
        return DeliveryPath.EVENTBRIDGE.source(region + "/" + id);
    }

    /** An EventBridge envelope, whatever its detail-type: a {@code detail-type} and a {@code detail}. */
    static boolean looksLikeOne(JsonNode tree) {
        return tree.isObject() && tree.has("detail-type") && tree.has("detail");
    }

    /**
     * The event, or the reason it is none. The reason quotes nothing of the detail; a foreign detail-type is named,
     * cut short, since it says which rule sent it.
     */
    static QueueMessage fromTree(JsonNode tree) {
        JsonNode type = tree.get("detail-type");
        if (type == null || !API_CALL.equals(type.asText(null))) {
            String named = type == null || !type.isTextual() ? "none" : "'" + cut(type.asText()) + "'";
            return new S3Notification.Unreadable("an EventBridge event of detail-type " + named
                    + ", not \"" + API_CALL + "\"");
        }
        JsonNode detail = tree.get("detail");
        if (!(detail instanceof ObjectNode record)) {
            return new S3Notification.Unreadable("an EventBridge event whose detail is not a JSON object");
        }
        String id = text(tree, "id");
        String region = text(tree, "region");
        if (id == null || region == null) {
            return new S3Notification.Unreadable("an EventBridge event without its " + (id == null ? "id" : "region"));
        }
        return new EventBridgeEvent(id, region, record);
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String cut(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
