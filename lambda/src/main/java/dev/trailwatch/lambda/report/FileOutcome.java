package dev.trailwatch.lambda.report;

import dev.trailwatch.core.FileResult;
import dev.trailwatch.lambda.input.S3ObjectRef;
import java.util.Locale;

/**
 * What became of one object named by an event. {@code retryable} is set on failures that a later attempt can
 * fix (S3, DynamoDB or SNS failed, time ran short); a failure without it is permanent and acknowledged.
 * Counts are those of the core's {@link FileResult}; zero where the file was never read.
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
        long millis) {

    public enum Outcome {
        PROCESSED, SKIPPED, FAILED;

        /** The word used in log lines and summaries. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static FileOutcome of(S3ObjectRef ref, FileResult result, long millis) {
        return new FileOutcome(ref.bucket(), ref.key(),
                result.failed() ? Outcome.FAILED : Outcome.PROCESSED, false, result.failure(),
                result.records(), result.events(), result.stored(), result.alerts(), result.decompressedBytes(),
                result.rejected().size(), millis);
    }

    public static FileOutcome skipped(String bucket, String key, String reason, long millis) {
        return new FileOutcome(bucket, key, Outcome.SKIPPED, false, reason, 0, 0, 0, 0, 0, 0, millis);
    }

    public static FileOutcome failed(String bucket, String key, String reason, long millis) {
        return new FileOutcome(bucket, key, Outcome.FAILED, false, reason, 0, 0, 0, 0, 0, 0, millis);
    }

    public static FileOutcome retry(String bucket, String key, String reason, long millis) {
        return new FileOutcome(bucket, key, Outcome.FAILED, true, reason, 0, 0, 0, 0, 0, 0, millis);
    }
}
