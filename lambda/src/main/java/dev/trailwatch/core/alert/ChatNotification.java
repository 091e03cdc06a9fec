package dev.trailwatch.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The alert as a custom notification of Amazon Q Developer in chat applications (Slack, Microsoft Teams): a JSON
 * document with {@code version} 1.0, {@code source} custom, a title, a markdown description, next steps, keywords,
 * and metadata whose {@code threadId} groups every alert of one principal in one thread of the channel.
 *
 * <p>Text from the record is escaped for chat markdown as Slack asks ({@code &}, {@code <}, {@code >}), so that an
 * analyzer named {@code <!channel>} is shown, not obeyed. Lengths are capped by TrailWatch (the service documents
 * none): a title a phone shows whole, a description that stays one message.
 */
final class ChatNotification {

    static final int MAX_TITLE = 250;
    static final int MAX_DESCRIPTION = 3000;
    static final int MAX_LIST_ITEM = 500;
    static final String EVENT_TYPE = "TrailWatchAlert";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the notification says; every string is plain text, escaped here. */
    record Content(
            String eventId,
            String title,
            List<String> description,
            List<String> nextSteps,
            List<String> keywords,
            String principal,
            String summary,
            List<String> relatedResources,
            Map<String, String> additionalContext) {
    }

    private ChatNotification() {
    }

    static String json(Content c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.put("source", "custom");
        if (c.eventId() != null) {
            root.put("id", c.eventId());
        }
        ObjectNode content = root.putObject("content");
        content.put("textType", "client-markdown");
        content.put("title", cap(markdown(c.title()), MAX_TITLE));
        StringBuilder description = new StringBuilder();
        for (String line : c.description()) {
            String escaped = markdown(line);
            if (description.length() + escaped.length() + 1 > MAX_DESCRIPTION) {
                break; // whole lines only: the email and the stored item have the rest
            }
            description.append(escaped).append('\n');
        }
        content.put("description", description.toString().stripTrailing());
        strings(content.putArray("nextSteps"), c.nextSteps());
        strings(content.putArray("keywords"), c.keywords());
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("threadId", threadId(c.principal()));
        metadata.put("summary", cap(markdown(c.summary()), MAX_TITLE));
        metadata.put("eventType", EVENT_TYPE);
        strings(metadata.putArray("relatedResources"), c.relatedResources());
        ObjectNode context = metadata.putObject("additionalContext");
        c.additionalContext().forEach((k, v) -> {
            if (v != null) {
                context.put(k, cap(SafeText.line(v), MAX_LIST_ITEM));
            }
        });
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    /**
     * One thread per principal: a stable id made from the principal, short whatever the ARN's length, and the same
     * in every container and region.
     */
    static String threadId(String principal) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(principal).getBytes(StandardCharsets.UTF_8));
            return "trailwatch-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** One line, safe like the email's, with chat markdown's three special characters escaped. */
    static String markdown(String s) {
        return SafeText.line(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void strings(ArrayNode array, List<String> values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                array.add(cap(markdown(v), MAX_LIST_ITEM));
            }
        }
    }

    /** At most {@code max} characters, cut before a whole code point (never half a surrogate pair). */
    static String cap(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "...";
    }
}
