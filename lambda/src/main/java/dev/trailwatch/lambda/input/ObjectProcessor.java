package dev.trailwatch.lambda.input;

import dev.trailwatch.core.FileResult;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.RetryableProcessingException;
import dev.trailwatch.core.read.LogObjectNames;
import dev.trailwatch.lambda.report.FileOutcome;
import dev.trailwatch.lambda.report.FileSummaryLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns one S3 object into an outcome: skipped by its name, read as a stream and handed to the core, and every
 * failure sorted into "a retry can fix it" or "acknowledge it". Writes the file's summary line.
 */
public final class ObjectProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectProcessor.class);

    private final S3Client s3;
    private final LogFileProcessor core;
    private final FileSummaryLog summaries;
    private final Optional<String> trailKeyArn;
    private final Clock clock;

    /**
     * @param trailKeyArn the key the watched trail encrypts with; when given, an object encrypted otherwise is
     *                    refused unread (only CloudTrail, writing for that trail, uses that key on this bucket)
     */
    public ObjectProcessor(S3Client s3, LogFileProcessor core, FileSummaryLog summaries,
                           Optional<String> trailKeyArn, Clock clock) {
        this.s3 = s3;
        this.core = core;
        this.summaries = summaries;
        this.trailKeyArn = trailKeyArn;
        this.clock = clock;
    }

    /** @param deadline when the invocation's time is up: the core stops short of it and hands the file back */
    public FileOutcome process(S3ObjectRef ref, Instant deadline) {
        long start = System.nanoTime();
        Optional<String> skip = LogObjectNames.s3SkipReason(ref.key());
        if (skip.isPresent()) {
            return summaries.write(FileOutcome.skipped(ref.bucket(), ref.key(), skip.get(), millisSince(start)),
                    Level.INFO);
        }
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(ref.bucket()).key(ref.key()));
            Optional<String> refusal = refusal(in.response());
            if (refusal.isPresent()) {
                release(in, false);
                return summaries.write(FileOutcome.refused(ref.bucket(), ref.key(), refusal.get(),
                        millisSince(start)), Level.ERROR);
            }
            FileResult result = read(ref, in, deadline);
            FileOutcome outcome = FileOutcome.of(ref, result, millisSince(start), clock.instant());
            summaries.rejected(ref, result.rejected());
            return summaries.write(outcome, result.failed() ? Level.ERROR : Level.INFO);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                // The role may list the bucket, so a missing object answers 404, never 403: it is really gone.
                return summaries.write(FileOutcome.skipped(ref.bucket(), ref.key(),
                        "object not found (deleted before it was read): " + s3Error(e), millisSince(start)),
                        Level.WARN);
            }
            String hint = e.statusCode() == 403 ? " (check the function role, the bucket policy and the KMS key)" : "";
            return retry(ref, "S3 GetObject failed: " + s3Error(e) + hint, start);
        } catch (RetryableProcessingException e) {
            return retry(ref, e.getMessage(), start);
        } catch (SdkException e) {
            return retry(ref, "S3 GetObject failed: " + e.getMessage(), start);
        } catch (RuntimeException e) {
            // Not a known failure: hand the file back so it ends in the dead-letter queue rather than being lost.
            LOG.error("unexpected error while processing s3://{}/{}", ref.bucket(), ref.key(), e);
            return retry(ref, "unexpected error: " + e, start);
        }
    }

    /** Why an object cannot be the watched trail's log file, judged from its metadata before a byte is read. */
    private Optional<String> refusal(GetObjectResponse object) {
        if (trailKeyArn.isEmpty()) {
            return Optional.empty();
        }
        String key = object.ssekmsKeyId();
        if (key == null || !key.equals(trailKeyArn.get())) {
            // Names the key, never the content: the object may be hostile.
            return Optional.of("refused: not encrypted with the trail's KMS key (encryption "
                    + object.serverSideEncryptionAsString() + (key == null ? "" : ", key " + key)
                    + "), so not written by the watched trail");
        }
        return Optional.empty();
    }

    private FileResult read(S3ObjectRef ref, ResponseInputStream<GetObjectResponse> in, Instant deadline) {
        boolean completed = false;
        try {
            FileResult result = core.process(ref.sourceObject(), in, deadline);
            completed = !result.failed();
            return result;
        } finally {
            release(in, completed);
        }
    }

    /**
     * A stream read to its end goes back to the connection pool; anything else is aborted, because closing it
     * would first drain what is left of a possibly large object.
     */
    private static void release(ResponseInputStream<GetObjectResponse> in, boolean completed) {
        try {
            if (!completed || in.read() >= 0) {
                in.abort();
            }
        } catch (IOException e) {
            in.abort();
        }
        try {
            in.close();
        } catch (IOException e) {
            // The connection is gone either way; nothing was lost.
        }
    }

    private FileOutcome retry(S3ObjectRef ref, String reason, long start) {
        return summaries.write(FileOutcome.retry(ref.bucket(), ref.key(), reason, millisSince(start)), Level.WARN);
    }

    private static String s3Error(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() + (code == null ? "" : " " + code);
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
