package dev.trailwatch.core.alert;

import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.store.CallHistory;
import java.util.Map;

/**
 * One alert for one mutating event, ready to publish.
 *
 * @param message the readable text, then the event as JSON: what email and every other subscriber get
 * @param summary the readable text alone, for email when a deployment keeps the event's JSON out of it
 * @param chat the custom notification for Amazon Q Developer in chat applications (JSON); null when not made
 * @param context what the table knew of the principal when the alert was made; null when not looked up
 * @param attributes SNS message attributes (all String) so that subscribers can filter, e.g. only HIGH to a pager
 */
public record Alert(
        String eventId,
        String eventName,
        Severity severity,
        String principal,
        String subject,
        String message,
        String summary,
        String chat,
        CallHistory context,
        Map<String, String> attributes) {

    public static final String ATTR_SEVERITY = "severity";
    public static final String ATTR_EVENT_NAME = "eventName";
    public static final String ATTR_ACCOUNT_ID = "accountId";
    public static final String ATTR_PRINCIPAL = "principal";
}
