package dev.trailwatch.lambda.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A queue message's body read as JSON: the tree, or why it is not one (the unreadable outcome, never its text). */
record MessageBody(JsonNode tree, S3Notification.Unreadable unreadable) {

    static MessageBody read(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return new MessageBody(null, new S3Notification.Unreadable("the message body is empty"));
        }
        try {
            return new MessageBody(mapper.readTree(body), null);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the offending text; only its place is safe to log.
            String where = e.getLocation() == null ? ""
                    : " (parse error at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            return new MessageBody(null, new S3Notification.Unreadable("the message body is not JSON" + where));
        }
    }
}
