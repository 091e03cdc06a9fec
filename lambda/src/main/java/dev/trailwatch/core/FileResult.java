package dev.trailwatch.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What processing one file did. {@code events} counts the records of kept sources, {@code stored} the items
 * this run added, {@code alerts} the alerts this run sent; {@code rejected} names records that could not be
 * stored. {@code failure} is set when the content is not a readable log file; work done before the fault stays.
 * {@code watchedAlerts} counts the alerts sent for calls of the watch list; {@code canaryCalls} holds the times
 * of the canary's calls found in the file (neither stored nor alerted); {@code unknownOperations} counts Access
 * Analyzer events whose name the operation catalog does not know. {@code alertLatencies} holds, per alert sent,
 * the time from the call ({@code eventTime}) to its publish; {@code mutatingFirst} counts the mutating events whose
 * item this run created, so the events that reached TrailWatch first by this run's path.
 */
public record FileResult(
        String source,
        long records,
        long events,
        long stored,
        long alerts,
        long decompressedBytes,
        List<String> rejected,
        String failure,
        long watchedAlerts,
        List<Instant> canaryCalls,
        long unknownOperations,
        List<Duration> alertLatencies,
        long mutatingFirst) {

    public FileResult {
        rejected = List.copyOf(rejected);
        canaryCalls = List.copyOf(canaryCalls);
        alertLatencies = List.copyOf(alertLatencies);
    }

    public boolean failed() {
        return failure != null;
    }
}
