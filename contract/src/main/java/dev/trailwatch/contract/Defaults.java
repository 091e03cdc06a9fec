package dev.trailwatch.contract;

/**
 * What a deployment or a local run gets when it says nothing: defined here once and read by the core, the local
 * runner's flags and the CDK stack's context values.
 */
public final class Defaults {

    /** The event source kept besides nothing else: IAM Access Analyzer. */
    public static final String EVENT_SOURCE = "access-analyzer.amazonaws.com";

    /** LOW: every mutating call alerts. A name, not the enum, so that annotations can use it. */
    public static final String ALERT_MIN_SEVERITY = "LOW";

    /** Email alerts carry the event's JSON unless a deployment says {@code summary}. */
    public static final AlertDetail ALERT_DETAIL = AlertDetail.FULL;

    /** How long an item lives in the table, counted from when TrailWatch stored it (DynamoDB TTL). */
    public static final int RETENTION_DAYS = 365;

    /**
     * A file whose decompressed size passes this fails instead of exhausting the function. CloudTrail's largest
     * files are a few hundred MB of JSON; 4 GiB leaves room without letting a decompression bomb run for minutes.
     */
    public static final long MAX_DECOMPRESSED_BYTES = 4L * 1024 * 1024 * 1024;

    private Defaults() {
    }
}
