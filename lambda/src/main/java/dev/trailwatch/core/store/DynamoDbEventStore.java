package dev.trailwatch.core.store;

import static dev.trailwatch.core.store.ItemAttributes.ALERT_CLAIM_ID;
import static dev.trailwatch.core.store.ItemAttributes.ALERT_CLAIM_UNTIL;
import static dev.trailwatch.core.store.ItemAttributes.ALERT_MESSAGE_ID;
import static dev.trailwatch.core.store.ItemAttributes.ALERT_SENT_AT;
import static dev.trailwatch.core.store.ItemAttributes.AWS_REGION;
import static dev.trailwatch.core.store.ItemAttributes.ERROR_CODE;
import static dev.trailwatch.core.store.ItemAttributes.EVENT_ID;
import static dev.trailwatch.core.store.ItemAttributes.EVENT_NAME;
import static dev.trailwatch.core.store.ItemAttributes.EVENT_TIME;
import static dev.trailwatch.core.store.ItemAttributes.MUST_ALERT;
import static dev.trailwatch.core.store.ItemAttributes.RECIPIENT_ACCOUNT_ID;
import static dev.trailwatch.core.store.ItemAttributes.REQUEST_PARAMETERS;
import static dev.trailwatch.core.store.ItemAttributes.REQUEST_PARAMETERS_TRUNCATED;
import static dev.trailwatch.core.store.ItemAttributes.SOURCE_IP_ADDRESS;

import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.RetryableProcessingException;
import dev.trailwatch.core.event.EventTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The event store on DynamoDB. The SDK's own retry strategy handles throttling and 5xx of single calls; this
 * class adds what the SDK leaves to the caller: retrying the unprocessed part of batch calls, with exponential
 * backoff and jitter, a bounded number of times.
 */
public final class DynamoDbEventStore implements EventStore {

    /** DynamoDB's limits per BatchWriteItem and BatchGetItem call. */
    static final int WRITE_BATCH = 25;
    static final int READ_BATCH = 100;
    static final int MAX_BATCH_ATTEMPTS = 10;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final BackoffStrategy backoff;

    public DynamoDbEventStore(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(5)));
    }

    public DynamoDbEventStore(DynamoDbClient dynamo, String tableName, BackoffStrategy backoff) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.backoff = backoff;
    }

    @Override
    public String tableName() {
        return tableName;
    }

    /** The items among {@code keys} that exist, by key, read consistently so that a fresh write is seen. */
    @Override
    public Map<Map<String, AttributeValue>, Existing> findExisting(List<Map<String, AttributeValue>> keys) {
        Map<Map<String, AttributeValue>, Existing> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += READ_BATCH) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + READ_BATCH));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                checkAttempts(attempt, "BatchGetItem", pending.size());
                KeysAndAttributes request = KeysAndAttributes.builder()
                        .keys(pending)
                        .consistentRead(true)
                        .projectionExpression("#pk, #sk, #sent, #must")
                        .expressionAttributeNames(Map.of(
                                "#pk", TableLayout.PARTITION_KEY,
                                "#sk", TableLayout.SORT_KEY,
                                "#sent", ALERT_SENT_AT,
                                "#must", MUST_ALERT))
                        .build();
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of(tableName, request)));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    found.put(EventItemMapper.key(item.get(TableLayout.PARTITION_KEY).s(), item.get(TableLayout.SORT_KEY).s()),
                            Existing.of(item));
                }
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(tableName);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
                pause(attempt, pending.isEmpty());
            }
        }
        return found;
    }

    /** The whole stored item, read consistently so that a fresh write is seen; null when there is none. */
    @Override
    public Map<String, AttributeValue> load(Map<String, AttributeValue> key) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tableName).key(key).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    /** Writes items in batches of 25; a redelivered event overwrites itself, so no condition is needed. */
    @Override
    public void putAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += WRITE_BATCH) {
            List<WriteRequest> pending = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + WRITE_BATCH))) {
                pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                checkAttempts(attempt, "BatchWriteItem", pending.size());
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(tableName, batch)));
                pending = response.unprocessedItems().getOrDefault(tableName, List.of());
                pause(attempt, pending.isEmpty());
            }
        }
    }

    /** Writes the item unless one with its key exists; true when this call created it. */
    @Override
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(b -> b.tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PARTITION_KEY)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Takes the right to publish this event's alert until {@code until}, unless the item was stored as one that
     * does not alert, the alert was sent, or another invocation holds an unexpired claim. A claim left by a crashed
     * invocation expires with that invocation.
     */
    @Override
    public Claim claimAlert(Map<String, AttributeValue> key, String claimId, Instant until, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(tableName)
                    .key(key)
                    .updateExpression("SET #claim = :claim, #until = :until")
                    .conditionExpression("attribute_exists(#pk) AND #must = :true AND attribute_not_exists(#sent)"
                            + " AND (attribute_not_exists(#until) OR #until < :now)")
                    .expressionAttributeNames(Map.of(
                            "#pk", TableLayout.PARTITION_KEY,
                            "#must", MUST_ALERT,
                            "#sent", ALERT_SENT_AT,
                            "#claim", ALERT_CLAIM_ID,
                            "#until", ALERT_CLAIM_UNTIL))
                    .expressionAttributeValues(Map.of(
                            ":true", AttributeValue.fromBool(true),
                            ":claim", AttributeValue.fromS(claimId),
                            ":until", AttributeValue.fromN(Long.toString(until.toEpochMilli())),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            if (old == null || old.isEmpty()) {
                throw new IllegalStateException("no stored item for " + key + " while claiming its alert", e);
            }
            if (old.containsKey(ALERT_SENT_AT)) {
                return Claim.ALREADY_SENT;
            }
            return Existing.of(old).mustAlert() ? Claim.HELD_ELSEWHERE : Claim.NOT_DUE;
        }
    }

    /** Records that the alert went out. Unconditional: once published, no later claim may send it again. */
    @Override
    public void markAlertSent(Map<String, AttributeValue> key, String messageId, Instant sentAt) {
        dynamo.updateItem(b -> b.tableName(tableName)
                .key(key)
                .updateExpression("SET #sent = :sent, #mid = :mid REMOVE #claim, #until")
                .expressionAttributeNames(Map.of(
                        "#sent", ALERT_SENT_AT,
                        "#mid", ALERT_MESSAGE_ID,
                        "#claim", ALERT_CLAIM_ID,
                        "#until", ALERT_CLAIM_UNTIL))
                .expressionAttributeValues(Map.of(
                        ":sent", AttributeValue.fromS(sentAt.toString()),
                        ":mid", AttributeValue.fromS(messageId == null ? "" : messageId))));
    }

    /** Gives a claim back after a failed publish, so that the retry need not wait for it to expire. */
    @Override
    public void releaseClaim(Map<String, AttributeValue> key, String claimId) {
        try {
            dynamo.updateItem(b -> b.tableName(tableName)
                    .key(key)
                    .updateExpression("REMOVE #claim, #until")
                    .conditionExpression("#claim = :claim")
                    .expressionAttributeNames(Map.of("#claim", ALERT_CLAIM_ID, "#until", ALERT_CLAIM_UNTIL))
                    .expressionAttributeValues(Map.of(":claim", AttributeValue.fromS(claimId))));
        } catch (ConditionalCheckFailedException e) {
            // Someone else took over an expired claim: theirs now, nothing to give back.
        }
    }

    /**
     * Three queries on the principal's partition, read consistently so that the writes just made are seen: the
     * newest earlier calls (Limit 5, two attributes), the newest earlier item from the same source IP (a filter,
     * stopped at the first match and after {@value #MAX_EVALUATED_FOR_SOURCE_IP} items read), and a count of the
     * same alerts in the 24 hours before (a key range, a filter, every page).
     */
    @Override
    public CallHistory history(String principal, String eventTimeId, Instant eventTime, String eventName,
                               String sourceIpAddress) {
        QueryResponse newest = dynamo.query(b -> b.tableName(tableName)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk < :sk")
                .scanIndexForward(false)
                .limit(CallHistory.MAX_PREVIOUS_CALLS)
                .projectionExpression("#time, #name, #ip, #must")
                .expressionAttributeNames(Map.of(
                        "#pk", TableLayout.PARTITION_KEY,
                        "#sk", TableLayout.SORT_KEY,
                        "#time", EVENT_TIME,
                        "#name", EVENT_NAME,
                        "#ip", SOURCE_IP_ADDRESS,
                        "#must", MUST_ALERT))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(principal),
                        ":sk", AttributeValue.fromS(eventTimeId))));
        List<Map<String, AttributeValue>> items = newest.items();
        List<CallHistory.PastCall> previous = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            previous.add(pastCall(item));
        }
        boolean first = previous.isEmpty();
        // The newest calls often answer the other two questions, saving their queries: when they are all the
        // principal has (fewer than asked for), and, for the address, when one of them came from it, and, for the
        // same alerts, when the oldest of them is already more than 24 hours before this call.
        boolean whole = items.size() < CallHistory.MAX_PREVIOUS_CALLS && !newest.hasLastEvaluatedKey();
        boolean newSourceIp = sourceIpAddress != null && (first
                || (!fromSourceIp(items, sourceIpAddress) && (whole || !seenFromSourceIp(principal, eventTimeId, sourceIpAddress))));
        Instant from = eventTime.minus(Duration.ofHours(24));
        Instant oldest = first ? null : previous.get(previous.size() - 1).eventTime();
        long same;
        if (first || eventName == null) {
            same = 0;
        } else if (whole || (oldest != null && oldest.isBefore(from))) {
            same = items.stream().filter(item -> sameAlertSince(item, eventName, from)).count();
        } else {
            same = sameAlertsLast24h(principal, eventTimeId, eventTime, eventName);
        }
        return new CallHistory(previous, first, newSourceIp, same);
    }

    private static boolean fromSourceIp(List<Map<String, AttributeValue>> items, String sourceIpAddress) {
        return items.stream().anyMatch(item -> item.get(SOURCE_IP_ADDRESS) != null
                && sourceIpAddress.equals(item.get(SOURCE_IP_ADDRESS).s()));
    }

    /** The test of {@link #sameAlertsLast24h}'s filter and key range, on an item already read. */
    private static boolean sameAlertSince(Map<String, AttributeValue> item, String eventName, Instant from) {
        AttributeValue must = item.get(MUST_ALERT);
        AttributeValue name = item.get(EVENT_NAME);
        CallHistory.PastCall call = pastCall(item);
        return must != null && Boolean.TRUE.equals(must.bool()) && name != null && eventName.equals(name.s())
                && call.eventTime() != null && !call.eventTime().isBefore(from);
    }

    static CallHistory.PastCall pastCall(Map<String, AttributeValue> item) {
        AttributeValue time = item.get(EVENT_TIME);
        AttributeValue name = item.get(EVENT_NAME);
        return new CallHistory.PastCall(time == null ? null : EventTimes.parseOrNull(time.s()),
                name == null ? null : name.s());
    }

    private boolean seenFromSourceIp(String principal, String eventTimeId, String sourceIpAddress) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk < :sk")
                .filterExpression("#ip = :ip")
                .scanIndexForward(false)
                .select(Select.COUNT)
                .expressionAttributeNames(Map.of(
                        "#pk", TableLayout.PARTITION_KEY,
                        "#sk", TableLayout.SORT_KEY,
                        "#ip", SOURCE_IP_ADDRESS))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(principal),
                        ":sk", AttributeValue.fromS(eventTimeId),
                        ":ip", AttributeValue.fromS(sourceIpAddress)))
                .build();
        return firstMatch(request, MAX_EVALUATED_FOR_SOURCE_IP,
                page -> page.count() > 0 ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }

    /**
     * {@code BETWEEN} bounds the key range on both sides, so the upper bound is this item's own key: the filter
     * leaves it out by its eventID (which, with the principal and the time, is what makes the key).
     */
    private long sameAlertsLast24h(String principal, String eventTimeId, Instant eventTime, String eventName) {
        if (eventName == null) {
            return 0;
        }
        String eventId = eventTimeId.substring(eventTimeId.indexOf('#') + 1);
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .filterExpression("#must = :true AND #name = :name AND #id <> :id")
                .select(Select.COUNT)
                .expressionAttributeNames(Map.of(
                        "#pk", TableLayout.PARTITION_KEY,
                        "#sk", TableLayout.SORT_KEY,
                        "#must", MUST_ALERT,
                        "#name", EVENT_NAME,
                        "#id", EVENT_ID))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(principal),
                        ":from", AttributeValue.fromS(EventTimes.format(eventTime.minus(Duration.ofHours(24)))),
                        ":to", AttributeValue.fromS(eventTimeId),
                        ":true", AttributeValue.fromBool(true),
                        ":name", AttributeValue.fromS(eventName),
                        ":id", AttributeValue.fromS(eventId)))
                .build();
        long count = 0;
        for (QueryResponse page : dynamo.queryPaginator(request)) {
            count += page.count();
        }
        return count;
    }

    /**
     * Two queries on the {@code byEventName} index, one per name, newest first before this call, filtered on the
     * account, the region, success and the analyzer's name in the request; each stops at its first match and after
     * {@value AnalyzerSetup#MAX_EVALUATED_PER_NAME} items read. The newer of the two matches wins. Index reads are
     * eventually consistent, which is all they can be.
     */
    @Override
    public Optional<AnalyzerSetup> lastAnalyzerSetup(String accountId, String region, String analyzerName,
                                                     String eventTimeId) {
        Found found = null;
        for (String name : AnalyzerSetup.SETTING_CALLS) {
            QueryRequest request = QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(TableLayout.INDEX_BY_EVENT_NAME)
                    .keyConditionExpression("#name = :name AND #sk < :sk")
                    .filterExpression("#acct = :acct AND #region = :region AND attribute_not_exists(#err)"
                            + " AND contains(#rp, :fragment)")
                    .scanIndexForward(false)
                    .projectionExpression("#sk, #name, #time, #rp, #cut")
                    .expressionAttributeNames(Map.of(
                            "#name", EVENT_NAME,
                            "#sk", TableLayout.SORT_KEY,
                            "#acct", RECIPIENT_ACCOUNT_ID,
                            "#region", AWS_REGION,
                            "#err", ERROR_CODE,
                            "#rp", REQUEST_PARAMETERS,
                            "#time", EVENT_TIME,
                            "#cut", REQUEST_PARAMETERS_TRUNCATED))
                    .expressionAttributeValues(Map.of(
                            ":name", AttributeValue.fromS(name),
                            ":sk", AttributeValue.fromS(eventTimeId),
                            ":acct", AttributeValue.fromS(accountId),
                            ":region", AttributeValue.fromS(region),
                            ":fragment", AttributeValue.fromS(AnalyzerSetup.nameFragment(analyzerName))))
                    .build();
            Optional<Found> match = firstMatch(request, AnalyzerSetup.MAX_EVALUATED_PER_NAME, page -> {
                for (Map<String, AttributeValue> item : page.items()) {
                    Optional<AnalyzerSetup> setup = AnalyzerSetup.ofItem(item, analyzerName);
                    if (setup.isPresent()) {
                        return Optional.of(new Found(item.get(TableLayout.SORT_KEY).s(), setup.get()));
                    }
                }
                return Optional.empty();
            });
            if (match.isPresent() && (found == null || match.get().eventTimeId().compareTo(found.eventTimeId()) > 0)) {
                found = match.get();
            }
        }
        return Optional.ofNullable(found).map(Found::setup);
    }

    private record Found(String eventTimeId, AnalyzerSetup setup) {
    }

    /**
     * Runs {@code request} page after page until {@code look} finds what it looks for in a page, the items run
     * out, or {@code budget} items were read (DynamoDB's Limit counts the items read before the filter, so each page
     * asks for what is left of the budget).
     */
    private <T> Optional<T> firstMatch(QueryRequest request, int budget, Function<QueryResponse, Optional<T>> look) {
        Map<String, AttributeValue> start = null;
        int left = budget;
        while (left > 0) {
            QueryRequest.Builder page = request.toBuilder().limit(left);
            if (start != null) {
                page.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(page.build());
            Optional<T> found = look.apply(response);
            if (found.isPresent() || !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return found;
            }
            left -= response.scannedCount();
            start = response.lastEvaluatedKey();
        }
        return Optional.empty();
    }

    private static void checkAttempts(int attempt, String operation, int left) {
        if (attempt > MAX_BATCH_ATTEMPTS) {
            throw new RetryableProcessingException(operation + " left " + left + " items unprocessed after "
                    + MAX_BATCH_ATTEMPTS + " attempts");
        }
    }

    private void pause(int attempt, boolean done) {
        if (done) {
            return;
        }
        try {
            Thread.sleep(backoff.computeDelay(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableProcessingException("interrupted while backing off", e);
        }
    }
}
