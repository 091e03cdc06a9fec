package dev.trailwatch.lambda.input;

/**
 * What a message of the log-file queue carries: an S3 event notification (a log file to read) or an EventBridge
 * event (one CloudTrail record, the fast path). One queue takes both (docs/architecture.md, "The fast path").
 */
public sealed interface QueueMessage permits S3Notification, EventBridgeEvent {
}
