package dev.trailwatch.lambda.report;

import dev.trailwatch.core.FileResult;
import java.time.Duration;
import java.util.List;

/**
 * What became of one EventBridge event (one CloudTrail record, the fast path). {@code retryable} is set when a
 * retry can finish it (DynamoDB or SNS failed, time ran short); otherwise it was processed. {@code eventName} and
 * {@code eventId} name the record in the log line, as for a file's rejected records; nothing else of it is kept.
 */
public record EventOutcome(
        String source,
        String eventName,
        String eventId,
        boolean retryable,
        String reason,
        long events,
        long stored,
        long alerts,
        long watchedAlerts,
        List<String> rejected,
        List<Double> alertLatencySeconds,
        long millis) {

    public EventOutcome {
        rejected = List.copyOf(rejected);
        alertLatencySeconds = List.copyOf(alertLatencySeconds);
    }

    public static EventOutcome of(String eventName, String eventId, FileResult result, long millis) {
        return new EventOutcome(result.source(), eventName, eventId, false, null, result.events(), result.stored(),
                result.alerts(), result.watchedAlerts(), result.rejected(), seconds(result.alertLatencies()), millis);
    }

    public static EventOutcome retry(String source, String eventName, String eventId, String reason, long millis) {
        return new EventOutcome(source, eventName, eventId, true, reason, 0, 0, 0, 0, List.of(), List.of(), millis);
    }

    /** Seconds with the milliseconds kept; never below zero, whatever the two clocks say. */
    static List<Double> seconds(List<Duration> latencies) {
        return latencies.stream().map(d -> Math.max(0, d.toMillis()) / 1000.0).toList();
    }
}
