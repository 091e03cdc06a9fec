package dev.trailwatch.contract;

/**
 * The DynamoDB table layout (docs/architecture.md, "The table"), shared by the core, the local runner and the CDK
 * stack: a principal's calls sort by time under one partition key; the indexes answer "every call of this name" and
 * "everything in this account" without a scan.
 */
public final class TableLayout {

    public static final String PARTITION_KEY = "principal";
    public static final String SORT_KEY = "eventTimeId";

    public static final String INDEX_BY_EVENT_NAME = "byEventName";
    public static final String INDEX_BY_EVENT_NAME_KEY = "eventName";
    public static final String INDEX_BY_ACCOUNT = "byAccount";
    public static final String INDEX_BY_ACCOUNT_KEY = "recipientAccountId";

    /** Epoch seconds after which DynamoDB TTL removes the item. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private TableLayout() {
    }
}
