package dev.trailwatch.core;

import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.event.EventTimes;
import dev.trailwatch.core.store.AnalyzerSetup;
import dev.trailwatch.core.store.CallHistory;
import dev.trailwatch.core.store.EventStore;
import dev.trailwatch.core.store.ItemAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The event store as a map, for tests of the core's stages without DynamoDB: the same contract as
 * {@link dev.trailwatch.core.store.DynamoDbEventStore} (conditional put, claim, mark, release, the history and the
 * analyzer's last setup with the same bounds), one thread at a time.
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

    @Override
    public CallHistory history(String principal, String eventTimeId, Instant eventTime, String eventName,
                               String sourceIpAddress) {
        List<Map<String, AttributeValue>> earlier = newestFirst(item -> principal.equals(s(item, TableLayout.PARTITION_KEY))
                && s(item, TableLayout.SORT_KEY).compareTo(eventTimeId) < 0);
        List<CallHistory.PastCall> previous = earlier.stream().limit(CallHistory.MAX_PREVIOUS_CALLS)
                .map(item -> new CallHistory.PastCall(EventTimes.parseOrNull(s(item, ItemAttributes.EVENT_TIME)),
                        s(item, ItemAttributes.EVENT_NAME)))
                .toList();
        boolean newIp = sourceIpAddress != null && earlier.stream().limit(MAX_EVALUATED_FOR_SOURCE_IP)
                .noneMatch(item -> sourceIpAddress.equals(s(item, ItemAttributes.SOURCE_IP_ADDRESS)));
        String from = EventTimes.format(eventTime.minus(Duration.ofHours(24)));
        long same = earlier.stream()
                .filter(item -> s(item, TableLayout.SORT_KEY).compareTo(from) >= 0)
                .filter(item -> Objects.equals(eventName, s(item, ItemAttributes.EVENT_NAME)))
                .filter(item -> Existing.of(item).mustAlert())
                .count();
        return new CallHistory(previous, earlier.isEmpty(), newIp, same);
    }

    @Override
    public Optional<AnalyzerSetup> lastAnalyzerSetup(String accountId, String region, String analyzerName,
                                                     String eventTimeId) {
        Map<String, AttributeValue> newest = null;
        AnalyzerSetup found = null;
        for (String name : AnalyzerSetup.SETTING_CALLS) {
            for (Map<String, AttributeValue> item : newestFirst(item -> name.equals(s(item, ItemAttributes.EVENT_NAME))
                    && s(item, TableLayout.SORT_KEY).compareTo(eventTimeId) < 0)
                    .stream().limit(AnalyzerSetup.MAX_EVALUATED_PER_NAME).toList()) {
                Optional<AnalyzerSetup> setup = AnalyzerSetup.ofItem(item, analyzerName);
                if (accountId.equals(s(item, ItemAttributes.RECIPIENT_ACCOUNT_ID))
                        && region.equals(s(item, ItemAttributes.AWS_REGION))
                        && !item.containsKey(ItemAttributes.ERROR_CODE) && setup.isPresent()) {
                    if (newest == null || s(item, TableLayout.SORT_KEY).compareTo(s(newest, TableLayout.SORT_KEY)) > 0) {
                        newest = item;
                        found = setup.get();
                    }
                    break;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private List<Map<String, AttributeValue>> newestFirst(Predicate<Map<String, AttributeValue>> which) {
        return items.values().stream().filter(which)
                .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> s(item, TableLayout.SORT_KEY)).reversed())
                .toList();
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
