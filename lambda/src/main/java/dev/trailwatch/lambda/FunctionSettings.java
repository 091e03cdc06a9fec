package dev.trailwatch.lambda;

/**
 * The names the deployed function and the CDK app must agree on. The infra module and its template tests
 * read these constants, so a rename here breaks the build instead of the deployment.
 */
public final class FunctionSettings {

    /** The handler string given to Lambda. */
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

    private FunctionSettings() {
    }
}
