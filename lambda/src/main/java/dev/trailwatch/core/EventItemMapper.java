package dev.trailwatch.core;

import static dev.trailwatch.core.ItemAttributes.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns an event into the DynamoDB item of DESIGN.md, never over DynamoDB's 400 KB item limit. */
public final class EventItemMapper {

    /** DynamoDB's limit is 400 KB including names; the rest is headroom for the alert bookkeeping attributes. */
    static final int MAX_ITEM_BYTES = 400 * 1024 - 4 * 1024;
    /** Free-text attributes other than the two payloads; far above anything CloudTrail writes. */
    static final int MAX_TEXT_BYTES = 8 * 1024;
    static final String CUT_MARK = "…[cut]";

    private final ObjectMapper mapper;
    private final Duration retention;

    public EventItemMapper(ObjectMapper mapper, Duration retention) {
        this.mapper = mapper;
        this.retention = retention;
    }

    public static Map<String, AttributeValue> key(String principal, String eventTimeId) {
        return Map.of(
                TableLayout.PARTITION_KEY, AttributeValue.fromS(principal),
                TableLayout.SORT_KEY, AttributeValue.fromS(eventTimeId));
    }

    /**
     * @param storedAt when TrailWatch stores the item; retention counts from here, so that a backfill of old
     *     logs keeps them for the retention period instead of storing items that expire at once
     */
    public Map<String, AttributeValue> toItem(TrailEvent event, String principal, Classification classification,
                                              String sourceObject, Instant storedAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableLayout.PARTITION_KEY, AttributeValue.fromS(principal));
        item.put(TableLayout.SORT_KEY, AttributeValue.fromS(event.eventTimeId()));
        text(item, EVENT_ID, event.eventId());
        text(item, EVENT_TIME, EventTimes.format(event.eventTime()));
        text(item, EVENT_NAME, event.eventName());
        text(item, EVENT_SOURCE, event.eventSource());
        text(item, AWS_REGION, event.awsRegion());
        text(item, SOURCE_IP_ADDRESS, event.sourceIpAddress());
        text(item, USER_AGENT, event.userAgent());
        // The decision, not only the raw flag: where CloudTrail gave none, the name decided (DESIGN.md).
        item.put(READ_ONLY, AttributeValue.fromBool(!classification.mutating()));
        text(item, EVENT_TYPE, event.eventType());
        text(item, RECIPIENT_ACCOUNT_ID, event.recipientAccountId());
        UserIdentity id = event.identity();
        text(item, USER_IDENTITY_TYPE, id.type());
        text(item, CALLER_ARN, id.arn());
        text(item, PRINCIPAL_ID, id.principalId());
        text(item, ACCESS_KEY_ID, id.accessKeyId());
        if (id.mfaAuthenticated() != null) {
            item.put(MFA_AUTHENTICATED, AttributeValue.fromBool(id.mfaAuthenticated()));
        }
        text(item, ERROR_CODE, event.errorCode());
        text(item, ERROR_MESSAGE, event.errorMessage());
        text(item, REQUEST_ID, event.requestId());
        if (classification.severity() != null) {
            item.put(SEVERITY, AttributeValue.fromS(classification.severity().name()));
        }
        text(item, SOURCE_OBJECT, sourceObject);
        item.put(TableLayout.TTL_ATTRIBUTE,
                AttributeValue.fromN(Long.toString(storedAt.plus(retention).getEpochSecond())));
        addPayloads(item, json(event.requestParameters()), json(event.responseElements()));
        return item;
    }

    /** Fits both payloads into what the item has left; the larger one is cut first, and each cut is marked. */
    private void addPayloads(Map<String, AttributeValue> item, String request, String response) {
        int left = MAX_ITEM_BYTES - size(item)
                - REQUEST_PARAMETERS.length() - RESPONSE_ELEMENTS.length()
                - REQUEST_PARAMETERS_TRUNCATED.length() - RESPONSE_ELEMENTS_TRUNCATED.length() - 2;
        int requestBytes = request == null ? 0 : Utf8.length(request);
        int responseBytes = response == null ? 0 : Utf8.length(response);
        int requestBudget = requestBytes;
        int responseBudget = responseBytes;
        if (requestBytes + responseBytes > left) {
            int half = left / 2;
            if (requestBytes <= half) {
                responseBudget = left - requestBytes;
            } else if (responseBytes <= half) {
                requestBudget = left - responseBytes;
            } else {
                requestBudget = half;
                responseBudget = left - half;
            }
        }
        payload(item, REQUEST_PARAMETERS, REQUEST_PARAMETERS_TRUNCATED, request, requestBudget);
        payload(item, RESPONSE_ELEMENTS, RESPONSE_ELEMENTS_TRUNCATED, response, responseBudget);
    }

    private static void payload(Map<String, AttributeValue> item, String name, String cutName, String json, int budget) {
        if (json == null) {
            return;
        }
        if (Utf8.length(json) <= budget) {
            item.put(name, AttributeValue.fromS(json));
            return;
        }
        String cut = Utf8.truncate(json, Math.max(0, budget - Utf8.length(CUT_MARK))) + CUT_MARK;
        item.put(name, AttributeValue.fromS(cut));
        item.put(cutName, AttributeValue.fromBool(true));
    }

    private String json(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree that was just parsed always serializes; keep the event rather than fail it.
            return node.toString();
        }
    }

    private static void text(Map<String, AttributeValue> item, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String kept = Utf8.length(value) <= MAX_TEXT_BYTES ? value
                : Utf8.truncate(value, MAX_TEXT_BYTES - Utf8.length(CUT_MARK)) + CUT_MARK;
        item.put(name, AttributeValue.fromS(kept));
    }

    /** DynamoDB's item size: names plus values, in UTF-8 bytes; numbers and booleans are counted generously. */
    static int size(Map<String, AttributeValue> item) {
        int total = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            total += Utf8.length(e.getKey());
            AttributeValue v = e.getValue();
            if (v.s() != null) {
                total += Utf8.length(v.s());
            } else if (v.n() != null) {
                total += 21;
            } else {
                total += 1;
            }
        }
        return total;
    }
}
