package dev.trailwatch.core;

/** The DynamoDB table layout of DESIGN.md, shared by the core, the local runner and the CDK stack. */
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
