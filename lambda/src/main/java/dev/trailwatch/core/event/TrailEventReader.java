package dev.trailwatch.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads a CloudTrail record into a {@link TrailEvent}, leniently where the meaning is plain: booleans given
 * as strings, empty strings as absent, requestParameters given as a JSON string. Real trails carry all of these.
 */
public final class TrailEventReader {

    private final ObjectMapper mapper;

    public TrailEventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The record's top-level eventSource, or null (Insights records have none). */
    public static String eventSourceOf(JsonNode record) {
        return text(record, "eventSource");
    }

    public TrailEvent read(JsonNode record) throws UnstorableRecordException {
        String eventId = text(record, "eventID");
        if (eventId == null) {
            throw new UnstorableRecordException("no eventID");
        }
        String timeText = text(record, "eventTime");
        Instant eventTime = EventTimes.parseOrNull(timeText);
        if (eventTime == null) {
            throw new UnstorableRecordException("eventTime " + (timeText == null ? "missing" : "'" + timeText + "' is not a time")
                    + " (eventID " + eventId + ")");
        }
        return new TrailEvent(
                eventId,
                eventTime,
                text(record, "eventName"),
                text(record, "eventSource"),
                text(record, "awsRegion"),
                text(record, "sourceIPAddress"),
                text(record, "userAgent"),
                bool(record.get("readOnly")),
                text(record, "eventType"),
                text(record, "recipientAccountId"),
                identity(record.get("userIdentity")),
                text(record, "errorCode"),
                text(record, "errorMessage"),
                text(record, "requestID"),
                payload(record.get("requestParameters")),
                payload(record.get("responseElements")),
                record);
    }

    private static UserIdentity identity(JsonNode node) {
        if (node == null || !node.isObject()) {
            return UserIdentity.MISSING;
        }
        JsonNode session = node.path("sessionContext");
        return new UserIdentity(
                text(node, "type"),
                text(node, "arn"),
                text(node, "principalId"),
                text(node, "accountId"),
                text(node, "accessKeyId"),
                text(node, "invokedBy"),
                text(session.path("sessionIssuer"), "arn"),
                bool(session.path("attributes").get("mfaAuthenticated")));
    }

    /** Keeps objects as they are; a JSON string that holds an object or array is read as that object or array. */
    private JsonNode payload(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    return mapper.readTree(text);
                } catch (JsonProcessingException e) {
                    return node;
                }
            }
        }
        return node;
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    static Boolean bool(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true")) {
                return Boolean.TRUE;
            }
            if (text.equals("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }
}
