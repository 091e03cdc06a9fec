package dev.trailwatch.core.alert;

import dev.trailwatch.contract.Severity;
import java.util.Map;

/**
 * One alert for one mutating event, ready to publish. {@code attributes} are SNS message attributes (all
 * String) so that subscribers can filter, e.g. only HIGH to a pager.
 */
public record Alert(
        String eventId,
        String eventName,
        Severity severity,
        String principal,
        String subject,
        String message,
        Map<String, String> attributes) {

    public static final String ATTR_SEVERITY = "severity";
    public static final String ATTR_EVENT_NAME = "eventName";
    public static final String ATTR_ACCOUNT_ID = "accountId";
    public static final String ATTR_PRINCIPAL = "principal";
}
