package dev.trailwatch.core.store;

import static dev.trailwatch.core.store.ItemAttributes.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.event.Classification;
import dev.trailwatch.core.event.EventTimes;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.event.UserIdentity;
import dev.trailwatch.core.read.Utf8;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Turns an event into the stored DynamoDB item (docs/architecture.md), never over DynamoDB's 400 KB item limit. */
public final class EventItemMapper {

    /** DynamoDB's limit is 400 KB including names; the rest is headroom for the alert bookkeeping attributes. */
    static final int MAX_ITEM_BYTES = 400 * 1024 - 4 * 1024;
    /** Free-text attributes other than the two payloads; far above anything CloudTrail writes. */
    static final int MAX_TEXT_BYTES = 8 * 1024;
    public static final String CUT_MARK = "…[cut]";

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
     * @param mustAlert whether the event must alert, kept on the item so that what is stored decides it later
     * @param storedAt when TrailWatch stores the item; retention counts from here, so that a backfill of old
     *     logs keeps them for the retention period instead of storing items that expire at once
     */
    public Map<String, AttributeValue> toItem(TrailEvent event, String principal, Classification classification,
                                              boolean mustAlert, String sourceObject, Instant storedAt) {
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
        // The decision, not only the raw flag: where CloudTrail gave none, the name decided.
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
        if (classification.isWatched()) {
            item.put(ItemAttributes.WATCHED, AttributeValue.fromS(classification.watched().sentence()));
        }
        item.put(MUST_ALERT, AttributeValue.fromBool(mustAlert));
        text(item, SOURCE_OBJECT, sourceObject);
        item.put(TableLayout.TTL_ATTRIBUTE,
                AttributeValue.fromN(Long.toString(storedAt.plus(retention).getEpochSecond())));
        addPayloads(item, List.of(
                new Payload(REQUEST_PARAMETERS, REQUEST_PARAMETERS_TRUNCATED, json(event.requestParameters())),
                new Payload(RESPONSE_ELEMENTS, RESPONSE_ELEMENTS_TRUNCATED, json(event.responseElements())),
                new Payload(OTHER_FIELDS, OTHER_FIELDS_TRUNCATED, otherFields(event.raw()))));
        return item;
    }

    /** Attributes set by the delivery that stored an item, by the decision made then, or by its alert. */
    private static final Set<String> NOT_OF_THE_EVENT = Set.of(SOURCE_OBJECT, FIRST_SEEN_BY, TableLayout.TTL_ATTRIBUTE,
            MUST_ALERT, ALERT_SENT_AT, ALERT_MESSAGE_ID, ALERT_CLAIM_ID, ALERT_CLAIM_UNTIL);

    /**
     * Whether {@code candidate}, the item of a record now read, is a copy of the {@code stored} event: every
     * attribute the same but {@code sourceObject}, {@code expiresAt}, {@code mustAlert} and the alert's.
     */
    public static boolean sameEvent(Map<String, AttributeValue> stored, Map<String, AttributeValue> candidate) {
        return eventPart(stored).equals(eventPart(candidate));
    }

    private static Map<String, AttributeValue> eventPart(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> part = new HashMap<>(item);
        part.keySet().removeAll(NOT_OF_THE_EVENT);
        return part;
    }

    /** Top-level record fields already kept as attributes of their own; everything else goes to otherFields. */
    private static final Set<String> MAPPED_FIELDS = Set.of(
            "eventID", "eventTime", "eventName", "eventSource", "awsRegion", "sourceIPAddress", "userAgent",
            "readOnly", "eventType", "recipientAccountId", "errorCode", "errorMessage", "requestID",
            "requestParameters", "responseElements");

    private String otherFields(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            return null;
        }
        ObjectNode rest = ((ObjectNode) raw).deepCopy();
        rest.remove(MAPPED_FIELDS);
        return rest.isEmpty() ? null : json(rest);
    }

    private record Payload(String name, String cutName, String json) {
        int bytes() {
            return json == null ? 0 : Utf8.length(json);
        }
    }

    /**
     * Fits the JSON payloads into what the item has left: the smaller ones whole where they can be, the larger
     * ones cut to an equal share of the rest, and each cut marked.
     */
    private static void addPayloads(Map<String, AttributeValue> item, List<Payload> payloads) {
        int left = MAX_ITEM_BYTES - size(item);
        for (Payload p : payloads) {
            left -= p.name().length() + p.cutName().length() + 1;
        }
        List<Payload> bySize = new ArrayList<>(payloads);
        bySize.sort(Comparator.comparingInt(Payload::bytes));
        int remaining = bySize.size();
        for (Payload p : bySize) {
            int share = Math.max(0, left) / remaining--;
            int budget = Math.min(p.bytes(), share);
            payload(item, p.name(), p.cutName(), p.json(), budget);
            left -= budget;
        }
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
    public static int size(Map<String, AttributeValue> item) {
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
