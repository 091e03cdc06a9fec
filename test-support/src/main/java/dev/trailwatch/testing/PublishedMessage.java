package dev.trailwatch.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/**
 * A message published to an SNS topic, as SNS delivered it to a subscribed SQS queue (raw delivery off): the
 * fields of its JSON envelope. {@code subject} is null when the publisher gave none.
 */
public record PublishedMessage(
        String topicArn,
        String messageId,
        String subject,
        String message,
        Map<String, MessageAttribute> messageAttributes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One message attribute: its data type and its value, {@code binaryValue} for the {@code Binary} types (the
     * envelope carries those in Base64), {@code stringValue} for the others.
     */
    public record MessageAttribute(String dataType, String stringValue, SdkBytes binaryValue) {

        public static MessageAttribute string(String value) {
            return new MessageAttribute("String", value, null);
        }

        public static MessageAttribute number(String value) {
            return new MessageAttribute("Number", value, null);
        }
    }

    /** Reads an SQS message body holding SNS's notification envelope. */
    public static PublishedMessage fromEnvelope(String body) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an SNS envelope: " + body, e);
        }
        if (!"Notification".equals(envelope.path("Type").asText())) {
            throw new IllegalArgumentException("not an SNS notification: " + body);
        }
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        envelope.path("MessageAttributes").properties().forEach(entry -> {
            String type = entry.getValue().path("Type").asText();
            String value = entry.getValue().path("Value").asText();
            attributes.put(entry.getKey(), type.startsWith("Binary")
                    ? new MessageAttribute(type, null, SdkBytes.fromByteArray(Base64.getDecoder().decode(value)))
                    : new MessageAttribute(type, value, null));
        });
        return new PublishedMessage(
                envelope.path("TopicArn").asText(),
                envelope.path("MessageId").asText(),
                envelope.hasNonNull("Subject") ? envelope.get("Subject").asText() : null,
                envelope.path("Message").asText(),
                Collections.unmodifiableMap(attributes));
    }
}
