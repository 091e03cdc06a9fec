package dev.trailwatch.lambda;

/**
 * The names the deployed function and the CDK app must agree on. The infra module and its template tests
 * read these constants, so a rename here breaks the build instead of the deployment.
 */
public final class FunctionSettings {

    /**
     * The handler string given to Lambda. The one entry answers the queue's SQS events (partial batch response) and
     * a person's {@code aws lambda invoke} with an S3 event or a backfill request {@code {"objects":[{"bucket":…,
     * "key":…}]}} (a summary per object), told apart by shape.
     */
    public static final String HANDLER = "dev.trailwatch.lambda.TrailWatchHandler::handleRequest";

    public static final String ENV_TABLE_NAME = "TABLE_NAME";
    public static final String ENV_ALERT_TOPIC_ARN = "ALERT_TOPIC_ARN";
    public static final String ENV_EVENT_SOURCES = "EVENT_SOURCES";
    public static final String ENV_ALERT_MIN_SEVERITY = "ALERT_MIN_SEVERITY";
    public static final String ENV_RETENTION_DAYS = "RETENTION_DAYS";
    public static final String ENV_MAX_DECOMPRESSED_BYTES = "MAX_DECOMPRESSED_BYTES";

    public static final String DEFAULT_EVENT_SOURCES = "access-analyzer.amazonaws.com";
    public static final String DEFAULT_ALERT_MIN_SEVERITY = "LOW";
    public static final int DEFAULT_RETENTION_DAYS = 365;
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 4L * 1024 * 1024 * 1024;

    /** CloudWatch namespace of the function's embedded metrics; one document per invocation. */
    public static final String METRICS_NAMESPACE = "TrailWatch";
    /** The one dimension of every metric: the function's name, so two deployments in an account stay apart. */
    public static final String METRICS_DIMENSION = "FunctionName";
    public static final String METRIC_FILES_PROCESSED = "FilesProcessed";
    public static final String METRIC_FILES_SKIPPED = "FilesSkipped";
    /** Files whose content is not a readable log file: acknowledged, a person must look. */
    public static final String METRIC_FILES_FAILED = "FilesFailed";
    /** Files handed back to the queue for a retry (S3, DynamoDB or SNS failed, or time ran short). */
    public static final String METRIC_FILES_RETRIED = "FilesRetried";
    public static final String METRIC_RECORDS = "Records";
    public static final String METRIC_EVENTS_STORED = "EventsStored";
    public static final String METRIC_ALERTS_SENT = "AlertsSent";
    public static final String METRIC_DECOMPRESSED_BYTES = "DecompressedBytes";

    private FunctionSettings() {
    }
}
