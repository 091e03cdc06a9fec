package dev.trailwatch.core;

import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.store.EventStore;
import dev.trailwatch.core.store.ItemAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The event store as a map, for tests of the core's stages without DynamoDB: the same contract as
 * {@link dev.trailwatch.core.store.DynamoDbEventStore} (conditional put, claim, mark, release), one thread at a time.
 */
final class InMemoryEventStore implements EventStore {

    private final Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new LinkedHashMap<>();

    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items() {
        return items;
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(TableLayout.PARTITION_KEY, item.get(TableLayout.PARTITION_KEY),
                TableLayout.SORT_KEY, item.get(TableLayout.SORT_KEY));
    }

    @Override
    public String tableName() {
        return "in-memory";
    }

    @Override
    public Map<Map<String, AttributeValue>, Existing> findExisting(List<Map<String, AttributeValue>> keys) {
        Map<Map<String, AttributeValue>, Existing> found = new HashMap<>();
        for (Map<String, AttributeValue> key : keys) {
            Map<String, AttributeValue> item = items.get(key);
            if (item != null) {
                found.put(key, Existing.of(item));
            }
        }
        return found;
    }

    @Override
    public Map<String, AttributeValue> load(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = items.get(key);
        return item == null ? null : new HashMap<>(item);
    }

    @Override
    public void putAll(List<Map<String, AttributeValue>> newItems) {
        newItems.forEach(item -> items.put(keyOf(item), new HashMap<>(item)));
    }

    @Override
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        return items.putIfAbsent(keyOf(item), new HashMap<>(item)) == null;
    }

    @Override
    public Claim claimAlert(Map<String, AttributeValue> key, String claimId, Instant until, Instant now) {
        Map<String, AttributeValue> item = items.get(key);
        // The order of DynamoDbEventStore's condition: sent, then not due, then held by a live claim.
        if (item == null) {
            throw new IllegalStateException("no stored item for " + key + " while claiming its alert");
        }
        if (item.containsKey(ItemAttributes.ALERT_SENT_AT)) {
            return Claim.ALREADY_SENT;
        }
        if (!Existing.of(item).mustAlert()) {
            return Claim.NOT_DUE;
        }
        AttributeValue held = item.get(ItemAttributes.ALERT_CLAIM_UNTIL);
        if (held != null && Long.parseLong(held.n()) >= now.toEpochMilli()) {
            return Claim.HELD_ELSEWHERE;
        }
        item.put(ItemAttributes.ALERT_CLAIM_ID, AttributeValue.fromS(claimId));
        item.put(ItemAttributes.ALERT_CLAIM_UNTIL, AttributeValue.fromN(Long.toString(until.toEpochMilli())));
        return Claim.CLAIMED;
    }

    @Override
    public void markAlertSent(Map<String, AttributeValue> key, String messageId, Instant sentAt) {
        Map<String, AttributeValue> item = items.get(key);
        item.put(ItemAttributes.ALERT_SENT_AT, AttributeValue.fromS(sentAt.toString()));
        item.put(ItemAttributes.ALERT_MESSAGE_ID, AttributeValue.fromS(messageId == null ? "" : messageId));
        item.remove(ItemAttributes.ALERT_CLAIM_ID);
        item.remove(ItemAttributes.ALERT_CLAIM_UNTIL);
    }

    @Override
    public void releaseClaim(Map<String, AttributeValue> key, String claimId) {
        Map<String, AttributeValue> item = items.get(key);
        AttributeValue claim = item == null ? null : item.get(ItemAttributes.ALERT_CLAIM_ID);
        if (claim != null && claim.s().equals(claimId)) {
            item.remove(ItemAttributes.ALERT_CLAIM_ID);
            item.remove(ItemAttributes.ALERT_CLAIM_UNTIL);
        }
    }
}
