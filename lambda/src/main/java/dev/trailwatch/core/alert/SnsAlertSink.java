package dev.trailwatch.core.alert;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes alerts to the alert topic. Throttling and 5xx are retried by the client's retry strategy. */
public final class SnsAlertSink implements AlertSink {

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertSink(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String publish(Alert alert) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes().forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return sns.publish(b -> b.topicArn(topicArn)
                        .subject(alert.subject())
                        .message(alert.message())
                        .messageAttributes(attributes))
                .messageId();
    }
}
