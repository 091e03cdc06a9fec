package dev.trailwatch.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.DeliveryPath;
import dev.trailwatch.core.event.Classification;
import dev.trailwatch.core.event.EventTimes;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.event.UserIdentity;
import dev.trailwatch.core.read.Utf8;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an alert (docs/architecture.md, "One alert per event"): a short subject, a readable body, the event as JSON, filterable attributes. */
public final class AlertFormatter {

    /** SNS's subject limit. */
    static final int MAX_SUBJECT = 100;
    /** SNS's limit is 256 KB for message plus attributes; the rest is headroom for the attributes. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024 - 6 * 1024;
    /** SNS rejects attribute values beyond its message limit; principals are short, so a cap keeps headroom. */
    static final int MAX_ATTRIBUTE_BYTES = 1024;
    /** A summary line stays readable; the full value is in the JSON part. */
    static final int MAX_LINE_BYTES = 2048;

    private static final Map<Severity, String> WHY = Map.of(
            Severity.HIGH, "switches monitoring off or hides findings (defense evasion, MITRE ATT&CK T1562)",
            Severity.MEDIUM, "narrows what is monitored, or is a call TrailWatch does not know",
            Severity.LOW, "widens monitoring or creates working artefacts only");

    private static final String WATCHED_WHY = "a move that can blind TrailWatch or the trail it reads"
            + " (defense evasion, MITRE ATT&CK T1562)";

    private final String tableName;
    // Only printable ASCII: no bidi override, look-alike or control character reaches a reader through the JSON.
    private final ObjectWriter compactWriter = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build()
            .writer(new PrintableAsciiEscapes());
    private final ObjectWriter eventWriter = compactWriter.with(SerializationFeature.INDENT_OUTPUT);

    /** JSON's own escapes plus DEL, which JSON allows raw and ESCAPE_NON_ASCII leaves alone. */
    private static final class PrintableAsciiEscapes extends CharacterEscapes {
        private final int[] ascii;

        PrintableAsciiEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    public AlertFormatter(String tableName) {
        this.tableName = tableName;
    }

    public Alert format(TrailEvent event, String principal, Severity severity, String sourceObject) {
        return format(event, principal, Classification.mutating(severity), sourceObject);
    }

    public Alert format(TrailEvent event, String principal, Classification classification, String sourceObject) {
        Severity severity = classification.severity();
        String subject = subject(event, principal, classification);
        AnalyzerCallSummary analyzer = classification.isWatched() ? null : AnalyzerCallSummary.of(event);
        String summary = summary(event, principal, classification, analyzer, sourceObject);
        String chat = chat(event, principal, classification, analyzer, subject);
        String head = summary + "\nEvent (JSON):\n";
        long budget = MAX_MESSAGE_BYTES - ProtocolMessages.reserveBytes(summary, chat) - ProtocolMessages.escapedBytes(head);
        String message = head + eventJson(event, budget);
        Map<String, String> attributes = new LinkedHashMap<>();
        attribute(attributes, Alert.ATTR_SEVERITY, severity.name());
        attribute(attributes, Alert.ATTR_EVENT_NAME, event.eventName());
        attribute(attributes, Alert.ATTR_ACCOUNT_ID, event.recipientAccountId());
        attribute(attributes, Alert.ATTR_PRINCIPAL, principal);
        return new Alert(event.eventId(), event.eventName(), severity, principal, subject, message, summary, chat, null,
                Map.copyOf(attributes));
    }

    static String subject(TrailEvent event, String principal, Severity severity) {
        return subject(event, principal, Classification.mutating(severity));
    }

    static String subject(TrailEvent event, String principal, Classification classification) {
        StringBuilder s = new StringBuilder();
        s.append('[').append(classification.severity().name()).append("] ");
        if (classification.isWatched()) {
            s.append(classification.watched().tag()).append(": ");
        }
        s.append(orUnknown(event.eventName()));
        if (event.failed()) {
            s.append(" FAILED (").append(event.errorCode()).append(')');
        }
        s.append(" by ").append(principal);
        if (event.awsRegion() != null) {
            s.append(" in ").append(event.awsRegion());
        }
        String ascii = SafeText.ascii(s.toString()).strip();
        return ascii.length() <= MAX_SUBJECT ? ascii : ascii.substring(0, MAX_SUBJECT - 3) + "...";
    }

    /** The readable text: the headlines, the labelled lines and the links, without the event's JSON. */
    private String summary(TrailEvent event, String principal, Classification classification,
                           AnalyzerCallSummary analyzer, String sourceObject) {
        Severity severity = classification.severity();
        UserIdentity id = event.identity();
        StringBuilder body = new StringBuilder(4096);
        if (classification.isWatched()) {
            body.append("TrailWatch: ").append(severity.name()).append(" - ")
                    .append(SafeText.line(Utf8.truncate(classification.watched().sentence(), MAX_LINE_BYTES)))
                    .append("\n\n");
            line(body, "What", orUnknown(event.eventName()) + " on " + orUnknown(event.eventSource())
                    + " - " + WATCHED_WHY);
        } else {
            for (String headline : headlines(event, severity, analyzer)) {
                headline(body, headline);
            }
            body.append('\n');
            line(body, "What", orUnknown(event.eventName()) + " on " + orUnknown(event.eventSource())
                    + " - " + WHY.get(severity));
        }
        line(body, "Result", event.failed()
                ? "FAILED: " + event.errorCode() + (event.errorMessage() == null ? "" : " - " + event.errorMessage())
                : "succeeded");
        line(body, "Who", principal);
        if (id.arn() != null && !id.arn().equals(principal)) {
            line(body, "Caller", id.arn());
        }
        line(body, "Identity", orUnknown(id.type())
                + (id.accessKeyId() == null ? "" : ", access key " + id.accessKeyId())
                + (id.mfaAuthenticated() == null ? "" : ", MFA " + (id.mfaAuthenticated() ? "yes" : "no")));
        line(body, "When", EventTimes.format(event.eventTime()));
        line(body, "Where", "account " + orUnknown(event.recipientAccountId()) + ", region " + orUnknown(event.awsRegion()));
        line(body, "From", orUnknown(event.sourceIpAddress())
                + (event.userAgent() == null ? "" : " (" + event.userAgent() + ")"));
        line(body, "Event ID", event.eventId());
        body.append('\n');
        if (event.awsRegion() != null) {
            line(body, "CloudTrail", Links.cloudTrailEvent(event));
        }
        String iam = CallerName.iamConsoleLink(principal);
        if (iam != null) {
            line(body, "IAM", iam);
        }
        if (analyzer != null && analyzer.analyzer() != null && event.awsRegion() != null) {
            line(body, "Analyzer", analyzer.analyzer() + " - " + Links.analyzers(event.awsRegion()));
        }
        line(body, "DynamoDB", "table " + tableName + ", item principal = \"" + principal
                + "\", eventTimeId = \"" + event.eventTimeId() + "\"");
        if (sourceObject != null) {
            // Where the stored event came from: a log file, or EventBridge's copy (the fast path) that came first.
            line(body, DeliveryPath.EVENTBRIDGE.named(sourceObject) ? "Seen by" : "Log file", sourceObject);
        }
        return body.toString();
    }

    /** The first lines of an Access Analyzer call's alert, read on a phone's lock screen. */
    private static List<String> headlines(TrailEvent event, Severity severity, AnalyzerCallSummary analyzer) {
        List<String> lines = new ArrayList<>();
        lines.add(severity.name() + " - " + orUnknown(event.eventName())
                + (event.failed() ? " FAILED (" + event.errorCode() + ")" : " succeeded"));
        lines.add(analyzer.target());
        lines.add("By " + CallerName.of(event));
        lines.add(where(event));
        lines.addAll(analyzer.details());
        return lines;
    }

    private static String where(TrailEvent event) {
        return "Account " + orUnknown(event.recipientAccountId()) + ", " + orUnknown(event.awsRegion())
                + ", " + EventTimes.format(event.eventTime());
    }

    /** The same alert for a chat channel: the headlines, the console links as next steps, a thread per principal. */
    private String chat(TrailEvent event, String principal, Classification classification,
                        AnalyzerCallSummary analyzer, String subject) {
        Severity severity = classification.severity();
        List<String> description = new ArrayList<>();
        if (classification.isWatched()) {
            description.add(severity.name() + " - " + classification.watched().sentence());
            description.add(orUnknown(event.eventName()) + " on " + orUnknown(event.eventSource())
                    + (event.failed() ? " FAILED (" + event.errorCode() + ")" : " succeeded"));
            description.add("By " + CallerName.of(event));
            description.add(where(event));
        } else {
            description.addAll(headlines(event, severity, analyzer));
        }
        description.add("Principal: " + principal);
        description.add("From: " + orUnknown(event.sourceIpAddress()));
        List<String> nextSteps = new ArrayList<>();
        if (event.awsRegion() != null) {
            nextSteps.add("The event in CloudTrail: " + Links.cloudTrailEvent(event));
        }
        String iam = CallerName.iamConsoleLink(principal);
        if (iam != null) {
            nextSteps.add("The principal in IAM: " + iam);
        }
        if (analyzer != null && analyzer.analyzer() != null && event.awsRegion() != null) {
            nextSteps.add("Analyzer \"" + analyzer.analyzer() + "\" in Access Analyzer: " + Links.analyzers(event.awsRegion()));
        }
        nextSteps.add("The stored item: DynamoDB table " + tableName + ", principal = \"" + principal
                + "\", eventTimeId = \"" + event.eventTimeId() + "\"");
        List<String> keywords = new ArrayList<>(List.of(severity.name(), orUnknown(event.eventName())));
        if (event.recipientAccountId() != null) {
            keywords.add(event.recipientAccountId());
        }
        if (event.awsRegion() != null) {
            keywords.add(event.awsRegion());
        }
        List<String> related = new ArrayList<>();
        if (principal != null && principal.startsWith("arn:")) {
            related.add(principal);
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("eventID", event.eventId());
        context.put("eventName", event.eventName());
        context.put("severity", severity.name());
        context.put("accountId", event.recipientAccountId());
        context.put("region", event.awsRegion());
        context.put("principal", principal);
        context.put("failed", Boolean.toString(event.failed()));
        return ChatNotification.json(new ChatNotification.Content(event.eventId(), subject, description, nextSteps,
                keywords, principal, subject, related, context));
    }

    /** The event as JSON within {@code budget} bytes as a JSON string's content (the publish escapes it once more). */
    private String eventJson(TrailEvent event, long budget) {
        try {
            String pretty = eventWriter.writeValueAsString(event.raw());
            if (ProtocolMessages.escapedBytes(pretty) <= budget) {
                return pretty;
            }
            String compact = compactWriter.writeValueAsString(event.raw());
            if (ProtocolMessages.escapedBytes(compact) <= budget) {
                return compact;
            }
            String note = "\n[event JSON cut to fit SNS's 256 KB limit; the stored item in DynamoDB has the rest]";
            return ProtocolMessages.prefixWithin(compact, Math.max(0, budget - ProtocolMessages.escapedBytes(note))) + note;
        } catch (JsonProcessingException e) {
            return "[event JSON could not be written: " + e.getOriginalMessage() + "]";
        }
    }

    private static void line(StringBuilder body, String label, String value) {
        String head = String.format("%-11s", label + ":");
        body.append(head.length() > label.length() + 1 ? head : head + " ")
                .append(SafeText.line(Utf8.truncate(value, MAX_LINE_BYTES)))
                .append('\n');
    }

    /** One of the first lines, read on a phone's lock screen: no label column, safe like every other line. */
    private static void headline(StringBuilder body, String text) {
        body.append(SafeText.line(Utf8.truncate(text, MAX_LINE_BYTES))).append('\n');
    }

    private static void attribute(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, Utf8.truncate(SafeText.line(value), MAX_ATTRIBUTE_BYTES));
        }
    }

    private static String orUnknown(String s) {
        return s == null ? "(unknown)" : s;
    }

}
