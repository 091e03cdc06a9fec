package dev.trailwatch.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The storage the core needs, as a port: each operation idempotent, so that a file processed again completes
 * exactly what is missing. Items and keys are in DynamoDB's attribute form because that is the stored contract
 * (the local runner reads the same items back); {@link DynamoDbEventStore} is the one implementation that ships.
 */
public interface EventStore {

    /**
     * What claiming an event's alert found. {@code NOT_DUE}: the item was stored as one that does not alert (or
     * before items said so), so its alert is never claimed, whatever record asks.
     */
    enum Claim { CLAIMED, ALREADY_SENT, HELD_ELSEWHERE, NOT_DUE }

    /** What decides a stored event: whether it was stored as one that must alert, and whether its alert went out. */
    record Existing(boolean mustAlert, boolean alertSent) {

        /** Read from a stored item, or from the part of it that holds these attributes. */
        public static Existing of(Map<String, AttributeValue> item) {
            AttributeValue must = item.get(ItemAttributes.MUST_ALERT);
            return new Existing(must != null && Boolean.TRUE.equals(must.bool()),
                    item.containsKey(ItemAttributes.ALERT_SENT_AT));
        }

        /** Stored as one that must alert, and its alert has not gone out (the delivery that stored it stopped). */
        public boolean owesAlert() {
            return mustAlert && !alertSent;
        }
    }

    String tableName();

    /** The items among {@code keys} that exist, by key, read so that a write just made is seen. */
    Map<Map<String, AttributeValue>, Existing> findExisting(List<Map<String, AttributeValue>> keys);

    /** The whole stored item under {@code key}, read so that a write just made is seen; null when there is none. */
    Map<String, AttributeValue> load(Map<String, AttributeValue> key);

    /** Writes items that are known to be new; a redelivered event overwrites itself, so no condition is needed. */
    void putAll(List<Map<String, AttributeValue>> items);

    /** Writes the item unless one with its key exists; true when this call created it. */
    boolean putIfAbsent(Map<String, AttributeValue> item);

    /**
     * Takes the right to publish this event's alert until {@code until}, unless the item was stored as one that
     * does not alert, the alert was sent, or another invocation holds an unexpired claim. A claim left by a crashed
     * invocation expires with that invocation.
     */
    Claim claimAlert(Map<String, AttributeValue> key, String claimId, Instant until, Instant now);

    /** Records that the alert went out. Unconditional: once published, no later claim may send it again. */
    void markAlertSent(Map<String, AttributeValue> key, String messageId, Instant sentAt);

    /** Gives a claim back after a failed publish, so that the retry need not wait for it to expire. */
    void releaseClaim(Map<String, AttributeValue> key, String claimId);

    /** Earlier items of the principal read at most when looking for one from the same source IP. */
    int MAX_EVALUATED_FOR_SOURCE_IP = 1_000;

    /**
     * What the table holds of {@code principal} before this call: its items with a smaller {@code eventTimeId}
     * (the call's own item never counts). The previous calls are the newest {@value CallHistory#MAX_PREVIOUS_CALLS};
     * the source IP is new when none of the newest {@value #MAX_EVALUATED_FOR_SOURCE_IP} earlier items has it, and
     * never new when the call has none; the same alerts are the earlier items of the same eventName stored as
     * alerting ({@code mustAlert}) whose eventTime is at most 24 hours before this one (exactly 24 hours counts).
     */
    CallHistory history(String principal, String eventTimeId, Instant eventTime, String eventName,
                        String sourceIpAddress);

    /**
     * The newest successful CreateAnalyzer or UpdateAnalyzer, by any principal, stored before {@code eventTimeId}
     * for the analyzer named {@code analyzerName} in {@code accountId} and {@code region}; empty when none is among
     * the newest {@value AnalyzerSetup#MAX_EVALUATED_PER_NAME} earlier items of each name.
     */
    Optional<AnalyzerSetup> lastAnalyzerSetup(String accountId, String region, String analyzerName,
                                              String eventTimeId);
}
