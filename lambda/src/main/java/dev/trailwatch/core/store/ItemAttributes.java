package dev.trailwatch.core.store;

/** Attribute names of the stored item beyond the keys (docs/architecture.md, "The table"). */
public final class ItemAttributes {

    public static final String EVENT_ID = "eventID";
    public static final String EVENT_TIME = "eventTime";
    public static final String EVENT_NAME = "eventName";
    public static final String EVENT_SOURCE = "eventSource";
    public static final String AWS_REGION = "awsRegion";
    public static final String SOURCE_IP_ADDRESS = "sourceIPAddress";
    public static final String USER_AGENT = "userAgent";
    public static final String READ_ONLY = "readOnly";
    public static final String EVENT_TYPE = "eventType";
    public static final String RECIPIENT_ACCOUNT_ID = "recipientAccountId";
    public static final String USER_IDENTITY_TYPE = "userIdentityType";
    public static final String CALLER_ARN = "callerArn";
    public static final String PRINCIPAL_ID = "principalId";
    public static final String ACCESS_KEY_ID = "accessKeyId";
    public static final String MFA_AUTHENTICATED = "mfaAuthenticated";
    public static final String ERROR_CODE = "errorCode";
    public static final String ERROR_MESSAGE = "errorMessage";
    public static final String REQUEST_ID = "requestID";
    public static final String REQUEST_PARAMETERS = "requestParameters";
    public static final String REQUEST_PARAMETERS_TRUNCATED = "requestParametersTruncated";
    public static final String RESPONSE_ELEMENTS = "responseElements";
    public static final String RESPONSE_ELEMENTS_TRUNCATED = "responseElementsTruncated";
    /**
     * The record's fields that have no attribute of their own (the whole userIdentity, tlsDetails, and every
     * field CloudTrail adds later), as JSON: with the attributes above, the complete event.
     */
    public static final String OTHER_FIELDS = "otherFields";
    public static final String OTHER_FIELDS_TRUNCATED = "otherFieldsTruncated";
    public static final String SEVERITY = "severity";
    /** Set on a call of the watch list: the sentence that says what was touched. */
    public static final String WATCHED = "watched";
    /**
     * Whether the event must alert (mutating, at or above the minimum severity), decided when the item is stored.
     * The stored item decides its event: a later record with its key changes nothing (docs/architecture.md, "First
     * delivery wins").
     */
    public static final String MUST_ALERT = "mustAlert";
    public static final String SOURCE_OBJECT = "sourceObject";
    /**
     * The path that stored the item, {@code logfile} or {@code eventbridge} ({@code DeliveryPath}): written with
     * the item, never after, so it names the path that brought the event first.
     */
    public static final String FIRST_SEEN_BY = "firstSeenBy";

    /** When the alert went out and SNS's message id: the record that makes "sent once" hold across retries. */
    public static final String ALERT_SENT_AT = "alertSentAt";
    public static final String ALERT_MESSAGE_ID = "alertMessageId";
    /** A short lease that lets one invocation at a time publish an event's alert. */
    public static final String ALERT_CLAIM_ID = "alertClaimId";
    public static final String ALERT_CLAIM_UNTIL = "alertClaimUntil";

    private ItemAttributes() {
    }
}
