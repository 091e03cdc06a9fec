package dev.trailwatch.contract;

/** The function's CloudWatch metrics (embedded metric format), as the stack's alarms and dashboard name them. */
public final class MetricNames {

    /** CloudWatch namespace of the function's embedded metrics; one document per invocation. */
    public static final String NAMESPACE = "TrailWatch";
    /** The one dimension of every metric: the function's name, so two deployments in an account stay apart. */
    public static final String DIMENSION = "FunctionName";

    public static final String FILES_PROCESSED = "FilesProcessed";
    public static final String FILES_SKIPPED = "FilesSkipped";
    /** Files whose content is not a readable log file: acknowledged, a person must look. */
    public static final String FILES_FAILED = "FilesFailed";
    /** Files handed back to the queue for a retry (S3, DynamoDB or SNS failed, or time ran short). */
    public static final String FILES_RETRIED = "FilesRetried";
    public static final String RECORDS = "Records";
    public static final String EVENTS_STORED = "EventsStored";
    public static final String ALERTS_SENT = "AlertsSent";
    public static final String DECOMPRESSED_BYTES = "DecompressedBytes";
    /** Log objects refused unread: not encrypted with the trail's key, so not written by the watched trail. */
    public static final String FILES_REFUSED = "FilesRefused";
    /** Alerts sent for calls of the watch list (the trail, Access Analyzer in Organizations, TrailWatch itself). */
    public static final String WATCHED_ALERTS_SENT = "WatchedAlertsSent";
    /** Access Analyzer events of an operation TrailWatch's catalog does not know: rated MEDIUM until it does. */
    public static final String UNKNOWN_OPERATIONS = "UnknownOperations";
    /** Seconds from the canary's call to its record being read: one value per canary record. */
    public static final String CANARY_LAG_SECONDS = "CanaryLagSeconds";

    /** EventBridge events (the fast path) read through; each carries one CloudTrail record. */
    public static final String EVENTBRIDGE_EVENTS = "EventBridgeEvents";
    /** EventBridge events handed back to the queue for a retry (DynamoDB or SNS failed, or time ran short). */
    public static final String EVENTBRIDGE_RETRIED = "EventBridgeRetried";
    /** Seconds from a call (its eventTime) to its alert's publish, one value per alert the fast path sent. */
    public static final String EVENTBRIDGE_ALERT_LATENCY_SECONDS = "EventBridgeAlertLatencySeconds";
    /** Seconds from a call (its eventTime) to its alert's publish, one value per alert a log file sent. */
    public static final String LOG_FILE_ALERT_LATENCY_SECONDS = "LogFileAlertLatencySeconds";
    /**
     * Mutating events that a log file brought first: EventBridge's copy had not come (best effort), or the call was
     * made where no rule forwards it (a region without a forwarder).
     */
    public static final String LOG_FILE_ONLY = "LogFileOnly";

    private MetricNames() {
    }
}
