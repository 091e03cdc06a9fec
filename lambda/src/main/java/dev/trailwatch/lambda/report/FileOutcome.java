package dev.trailwatch.lambda.report;

import dev.trailwatch.core.FileResult;
import dev.trailwatch.lambda.input.S3ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What became of one object named by an event. {@code retryable} is set on failures that a later attempt can
 * fix (S3, DynamoDB or SNS failed, time ran short); a failure without it is permanent and acknowledged.
 * Counts are those of the core's {@link FileResult}; zero where the file was never read. {@code canaryLagSeconds}
 * holds, per canary record in the file, the seconds from the canary's call to the file being read;
 * {@code alertLatencySeconds}, per alert sent, the seconds from the call to the publish; {@code logFileOnly} counts
 * the mutating events the file brought first (EventBridge's copy had not come).
 */
public record FileOutcome(
        String bucket,
        String key,
        Outcome outcome,
        boolean retryable,
        String reason,
        long records,
        long events,
        long stored,
        long alerts,
        long decompressedBytes,
        int rejected,
        long millis,
        long watchedAlerts,
        List<Long> canaryLagSeconds,
        long unknownOperations,
        List<Double> alertLatencySeconds,
        long logFileOnly) {

    public FileOutcome {
        canaryLagSeconds = List.copyOf(canaryLagSeconds);
        alertLatencySeconds = List.copyOf(alertLatencySeconds);
    }

    public enum Outcome {
        /** REFUSED: acknowledged unread because it cannot have come from the watched trail (a forged object). */
        PROCESSED, SKIPPED, FAILED, REFUSED;

        /** The word used in log lines and summaries. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static FileOutcome of(S3ObjectRef ref, FileResult result, long millis, Instant readAt) {
        List<Long> lags = result.canaryCalls().stream()
                .map(call -> Math.max(0, Duration.between(call, readAt).toSeconds()))
                .toList();
        return new FileOutcome(ref.bucket(), ref.key(),
                result.failed() ? Outcome.FAILED : Outcome.PROCESSED, false, result.failure(),
                result.records(), result.events(), result.stored(), result.alerts(), result.decompressedBytes(),
                result.rejected().size(), millis, result.watchedAlerts(), lags, result.unknownOperations(),
                EventOutcome.seconds(result.alertLatencies()), result.mutatingFirst());
    }

    public static FileOutcome refused(String bucket, String key, String reason, long millis) {
        return new FileOutcome(bucket, key, Outcome.REFUSED, false, reason, 0, 0, 0, 0, 0, 0, millis, 0, List.of(), 0, List.of(), 0);
    }

    public static FileOutcome skipped(String bucket, String key, String reason, long millis) {
        return new FileOutcome(bucket, key, Outcome.SKIPPED, false, reason, 0, 0, 0, 0, 0, 0, millis, 0, List.of(), 0, List.of(), 0);
    }

    public static FileOutcome failed(String bucket, String key, String reason, long millis) {
        return new FileOutcome(bucket, key, Outcome.FAILED, false, reason, 0, 0, 0, 0, 0, 0, millis, 0, List.of(), 0, List.of(), 0);
    }

    public static FileOutcome retry(String bucket, String key, String reason, long millis) {
        return new FileOutcome(bucket, key, Outcome.FAILED, true, reason, 0, 0, 0, 0, 0, 0, millis, 0, List.of(), 0, List.of(), 0);
    }
}
