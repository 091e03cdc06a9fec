package dev.trailwatch.contract;

/**
 * The names the deployed function and the CDK stack must agree on: the handler string and the environment the
 * stack sets. A rename here breaks the build of both instead of a deployment.
 */
public final class FunctionContract {

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

    /** The trails whose switching off is HIGH (names or ARNs, comma-separated); another trail's is MEDIUM. */
    public static final String ENV_WATCHED_TRAILS = "WATCHED_TRAILS";
    /**
     * The names of TrailWatch's own resources, comma-separated: a watched call that names one of them is HIGH.
     * Names, not ARNs, so that a queue URL, an ARN with a qualifier or a subscription under a topic all match.
     */
    public static final String ENV_OWN_RESOURCES = "OWN_RESOURCES";
    /** The ARN of the canary's role: its read calls are counted as proof of life, never stored or alerted. */
    public static final String ENV_CANARY_PRINCIPAL = "CANARY_PRINCIPAL";
    /**
     * The ARN of the KMS key the trail encrypts its log files with (own trail only): a log object encrypted
     * otherwise was not written by that trail and is refused.
     */
    public static final String ENV_TRAIL_KEY_ARN = "TRAIL_KEY_ARN";
    /** {@code full} (the default) or {@code summary}: whether email alerts carry the event's JSON ({@link AlertDetail}). */
    public static final String ENV_ALERT_DETAIL = "ALERT_DETAIL";

    private FunctionContract() {
    }
}
