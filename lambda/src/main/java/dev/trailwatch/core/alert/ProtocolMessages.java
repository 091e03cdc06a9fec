package dev.trailwatch.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.contract.AlertDetail;

/**
 * What each kind of subscriber of the alert topic gets from the one publish (SNS's {@code MessageStructure=json}):
 * <ul>
 *   <li>{@code default} — the readable text, then the event as JSON: SQS, Lambda, HTTP, and email unless told
 *       otherwise, get what they got before chat existed;</li>
 *   <li>{@code https} — the chat notification, when there is one: Amazon Q Developer in chat applications
 *       subscribes over HTTPS, so every HTTPS subscriber gets that JSON;</li>
 *   <li>{@code sms} — the subject alone: a text message holds 1,600 bytes at most, and the subject says severity,
 *       call, principal and region;</li>
 *   <li>{@code email}, {@code email-json} — with {@link AlertDetail#SUMMARY}, the readable text alone, so that the
 *       event's request parameters do not leave AWS over SMTP.</li>
 * </ul>
 * The whole document counts against SNS's 256 KB limit, with JSON's escapes: {@link AlertFormatter} sizes the
 * event's JSON so that the largest document, {@link #reserveBytes}, fits.
 */
public final class ProtocolMessages {

    static final String DEFAULT = "default";
    static final String HTTPS = "https";
    static final String EMAIL = "email";
    static final String EMAIL_JSON = "email-json";
    static final String SMS = "sms";

    /** The braces, keys, quotes and commas around the values (5 keys), and the SMS's subject (100 at most, escaped). */
    static final int STRUCTURE_BYTES = 100 + 2 * 100;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProtocolMessages() {
    }

    /** The {@code Message} of a {@code MessageStructure=json} publish. */
    public static String of(Alert alert, AlertDetail detail) {
        ObjectNode messages = MAPPER.createObjectNode();
        messages.put(DEFAULT, alert.message());
        if (alert.chat() != null) {
            messages.put(HTTPS, alert.chat());
        }
        messages.put(SMS, alert.subject());
        if (detail == AlertDetail.SUMMARY) {
            messages.put(EMAIL, alert.summary());
            messages.put(EMAIL_JSON, alert.summary());
        }
        try {
            return MAPPER.writeValueAsString(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an object of strings always writes", e);
        }
    }

    /**
     * The bytes that everything but the default message may take, whatever the deployment's alert detail: the
     * structure, the chat notification and the summary twice (email and email-json).
     */
    static long reserveBytes(String summary, String chat) {
        return STRUCTURE_BYTES + 2 * escapedBytes(summary) + (chat == null ? 0 : escapedBytes(chat));
    }

    /** The UTF-8 bytes of {@code s} written as the content of a JSON string (Jackson's default escapes). */
    static long escapedBytes(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += escapedWidth(c);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 1; // a pair is 4 bytes in UTF-8: 3 counted for the high surrogate, 1 here
                i++;
            }
        }
        return bytes;
    }

    /** The longest prefix of {@code s} whose escaped size is at most {@code budget}, never half a surrogate pair. */
    static String prefixWithin(String s, long budget) {
        long bytes = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            long width = pair ? 4 : escapedWidth(c);
            if (bytes + width > budget) {
                break;
            }
            bytes += width;
            i += pair ? 2 : 1;
        }
        return s.substring(0, i);
    }

    private static int escapedWidth(char c) {
        if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
            return 2;
        }
        if (c < 0x20) {
            return 6; // \\u00XX
        }
        return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
}
