package dev.trailwatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One CloudTrail record of a kept event source, read leniently. {@code raw} is the record as delivered, so
 * fields CloudTrail adds later survive into the alert JSON; {@code readOnly} is null where the record has none.
 */
public record TrailEvent(
        String eventId,
        Instant eventTime,
        String eventName,
        String eventSource,
        String awsRegion,
        String sourceIpAddress,
        String userAgent,
        Boolean readOnly,
        String eventType,
        String recipientAccountId,
        UserIdentity identity,
        String errorCode,
        String errorMessage,
        String requestId,
        JsonNode requestParameters,
        JsonNode responseElements,
        JsonNode raw) {

    public boolean failed() {
        return errorCode != null;
    }

    /** The table's sort key: time first so that a principal's calls sort by time, eventID so a redelivery overwrites. */
    public String eventTimeId() {
        return EventTimes.format(eventTime) + "#" + eventId;
    }
}
