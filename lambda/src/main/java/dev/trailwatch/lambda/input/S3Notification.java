package dev.trailwatch.lambda.input;

import java.util.List;

/**
 * What an S3 event notification (an SQS message body, or a direct invocation's payload) turned out to be. A queue
 * message that is neither a notification nor a CloudTrail event from EventBridge is {@link Unreadable} too.
 */
public sealed interface S3Notification extends QueueMessage {

    /** The message S3 sends once when notifications are configured: nothing to read. */
    record TestEvent(String bucket) implements S3Notification {
    }

    /** Not JSON, or JSON of another shape; {@code reason} never quotes the content. */
    record Unreadable(String reason) implements S3Notification {
    }

    /** A notification with its records, in order. */
    record Records(List<EventRecord> records) implements S3Notification {
        public Records {
            records = List.copyOf(records);
        }
    }

    /**
     * One record as sent, before any decision: {@code encodedKey} is still URL-encoded as S3 sends it. Fields
     * missing from the record are null.
     */
    record EventRecord(String eventSource, String eventName, String bucket, String encodedKey) {
    }
}
