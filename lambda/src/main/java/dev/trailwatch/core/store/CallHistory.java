package dev.trailwatch.core.store;

import java.time.Instant;
import java.util.List;

/**
 * What the table knew of a principal when one of its calls alerted: the context an alert carries, so that the
 * reader sees at once whether this is routine or new. Field names are those of the local runner's
 * {@code alerts.jsonl} {@code context} object, which scripts read.
 *
 * @param previousCalls the principal's calls stored before this one, newest first, at most {@link #MAX_PREVIOUS_CALLS}
 * @param firstCallByPrincipal no earlier call of this principal is stored
 * @param firstCallFromSourceIp no earlier call of this principal from this source IP is stored
 * @param sameAlertsLast24h alerting calls of the same name by the same principal in the 24 hours before this one
 */
public record CallHistory(
        List<PastCall> previousCalls,
        boolean firstCallByPrincipal,
        boolean firstCallFromSourceIp,
        long sameAlertsLast24h) {

    public static final int MAX_PREVIOUS_CALLS = 5;

    public CallHistory {
        previousCalls = List.copyOf(previousCalls);
    }

    /** One earlier call: when, and what. */
    public record PastCall(Instant eventTime, String eventName) {
    }
}
