package dev.trailwatch.core.alert;

import dev.trailwatch.contract.AlertDetail;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes alerts to the alert topic: one publish per alert, a message per kind of subscriber
 * ({@link ProtocolMessages}), the subject for email, the attributes for filter policies. Throttling and 5xx are
 * retried by the client's retry strategy.
 */
public final class SnsAlertSink implements AlertSink {

    private final SnsClient sns;
    private final String topicArn;
    private final AlertDetail detail;

    public SnsAlertSink(SnsClient sns, String topicArn, AlertDetail detail) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.detail = detail;
    }

    @Override
    public String publish(Alert alert) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes().forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return sns.publish(b -> b.topicArn(topicArn)
                        .subject(alert.subject())
                        .messageStructure("json")
                        .message(ProtocolMessages.of(alert, detail))
                        .messageAttributes(attributes))
                .messageId();
    }
}
