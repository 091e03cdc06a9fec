package dev.trailwatch.core;

/**
 * Processing stopped for a reason that a later attempt can fix: the source could not be read, DynamoDB or SNS
 * kept failing, another invocation holds an alert, or time ran short. Everything done so far is idempotent, so
 * the caller retries the whole file.
 */
public final class RetryableProcessingException extends RuntimeException {

    public RetryableProcessingException(String message) {
        super(message);
    }

    public RetryableProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
