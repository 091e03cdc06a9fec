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
import dev.trailwatch.core.store.AnalyzerSetup;
import dev.trailwatch.core.store.CallHistory;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an alert (docs/architecture.md, "One alert per event"): a short subject, a readable body, the event as JSON, filterable attributes. */
public final class AlertFormatter {

    /** SNS's subject limit. */
    static final int MAX_SUBJECT = 100;
    /**
     * SNS's limit is 256 KB for the publish's message (with {@code MessageStructure=json}, the whole document of
     * every protocol's message, escapes included) plus its attributes; the rest is headroom for the attributes.
     */
    static final int MAX_MESSAGE_BYTES = 256 * 1024 - 6 * 1024;
    /** SNS rejects attribute values beyond its message limit; principals are short, so a cap keeps headroom. */
    static final int MAX_ATTRIBUTE_BYTES = 1024;
    /** A summary line stays readable; the full value is in the JSON part. */
    static final int MAX_LINE_BYTES = 2048;

    private static final Map<Severity, String> WHY = Map.of(
            Severity.HIGH, "switches monitoring off or hides findings (defense evasion, MITRE ATT&CK T1562)",
            Severity.MEDIUM, "narrows what is monitored, or is a call TrailWatch does not know",
            Severity.LOW, "widens monitoring or creates working artefacts only");

    /** A previous call's time in the "Before this" block: short for a phone, to the second (scripts call in bursts). */
    private static final DateTimeFormatter PAST_CALL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

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
        return format(event, principal, classification, sourceObject, null, null);
    }

    /**
     * @param context what the table held of the principal when the alert was made; null for no "Before this" block
     * @param lastSetup for an UpdateAnalyzer, the analyzer's last stored configuration to show what changed; null
     *     when there is none, or when its request is not whole (then nothing is said)
     */
    public Alert format(TrailEvent event, String principal, Classification classification, String sourceObject,
                        CallHistory context, AnalyzerSetup lastSetup) {
        Severity severity = classification.severity();
        String subject = subject(event, principal, classification);
        AnalyzerCallSummary analyzer = classification.isWatched() ? null : AnalyzerCallSummary.of(event);
        String changed = classification.isWatched() ? null : changed(event, lastSetup);
        List<String> before = beforeThis(event, context);
        String summary = summary(event, principal, classification, analyzer, sourceObject, changed, before);
        String chat = chat(event, principal, classification, analyzer, subject, changed, before);
        String head = summary + "\nEvent (JSON):\n";
        long budget = MAX_MESSAGE_BYTES - ProtocolMessages.reserveBytes(summary, chat) - ProtocolMessages.escapedBytes(head);
        String message = head + eventJson(event, budget);
        Map<String, String> attributes = new LinkedHashMap<>();
        attribute(attributes, Alert.ATTR_SEVERITY, severity.name());
        attribute(attributes, Alert.ATTR_EVENT_NAME, event.eventName());
        attribute(attributes, Alert.ATTR_ACCOUNT_ID, event.recipientAccountId());
        attribute(attributes, Alert.ATTR_PRINCIPAL, principal);
        return new Alert(event.eventId(), event.eventName(), severity, principal, subject, message, summary, chat,
                context, Map.copyOf(attributes));
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
                           AnalyzerCallSummary analyzer, String sourceObject, String changed, List<String> before) {
        Severity severity = classification.severity();
        UserIdentity id = event.identity();
        StringBuilder body = new StringBuilder(4096);
        if (classification.isWatched()) {
            body.append("TrailWatch: ").append(severity.name()).append(" - ")
                    .append(SafeText.line(Utf8.truncate(classification.watched().sentence(), MAX_LINE_BYTES)))
                    .append("\n\n");
            block(body, before);
            line(body, "What", orUnknown(event.eventName()) + " on " + orUnknown(event.eventSource())
                    + " - " + WATCHED_WHY);
        } else {
            for (String headline : headlines(event, severity, analyzer)) {
                headline(body, headline);
            }
            if (changed != null) {
                headline(body, "Changed: " + changed);
            }
            body.append('\n');
            block(body, before);
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

    /** What a successful UpdateAnalyzer changed against the analyzer's last stored configuration; null to say nothing. */
    private static String changed(TrailEvent event, AnalyzerSetup lastSetup) {
        if (lastSetup == null || !lastSetup.hasRequest() || event.failed() || !"UpdateAnalyzer".equals(event.eventName())) {
            return null;
        }
        return ConfigurationChange.between(lastSetup.requestParameters(), event.requestParameters());
    }

    /**
     * What the table held of the principal before this call, a few short lines after the headlines: whether it is
     * new, from a new address, a repeat of the same alert, and its last calls. Nothing when no context was looked up.
     */
    private static List<String> beforeThis(TrailEvent event, CallHistory context) {
        List<String> lines = new ArrayList<>();
        if (context == null) {
            return lines;
        }
        lines.add("Before this:");
        if (context.firstCallByPrincipal()) {
            lines.add("First call by this principal");
            return lines;
        }
        if (context.firstCallFromSourceIp()) {
            lines.add("New source IP for this principal");
        }
        long same = context.sameAlertsLast24h();
        if (same > 0) {
            lines.add(same + " earlier " + orUnknown(event.eventName()) + " alert" + (same == 1 ? "" : "s")
                    + " by this principal in 24 h");
        }
        List<CallHistory.PastCall> previous = context.previousCalls();
        if (!previous.isEmpty()) {
            lines.add(previous.size() == 1 ? "Last call:" : "Last " + previous.size() + " calls, newest first:");
        }
        for (CallHistory.PastCall call : previous) {
            lines.add((call.eventTime() == null ? "(unknown time)" : PAST_CALL_TIME.format(call.eventTime()))
                    + " " + orUnknown(call.eventName()));
        }
        return lines;
    }

    /** A block of headlines and a blank line after it; nothing for no lines. */
    private static void block(StringBuilder body, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        for (String line : lines) {
            headline(body, line);
        }
        body.append('\n');
    }

    /** The first lines of an Access Analyzer call's alert, read on a phone's lock screen. */
    private static List<String> headlines(TrailEvent event, Severity severity, AnalyzerCallSummary analyzer) {
        List<String> lines = new ArrayList<>();
        lines.add(severity.name() + " - " + orUnknown(event.eventName()) + outcome(event));
        lines.add(analyzer.target());
        lines.add("By " + CallerName.of(event));
        lines.add(where(event));
        lines.addAll(analyzer.details());
        return lines;
    }

    /** " succeeded", or " FAILED (AccessDenied)": how a headline ends. */
    private static String outcome(TrailEvent event) {
        return event.failed() ? " FAILED (" + event.errorCode() + ")" : " succeeded";
    }

    private static String where(TrailEvent event) {
        return "Account " + orUnknown(event.recipientAccountId()) + ", " + orUnknown(event.awsRegion())
                + ", " + EventTimes.format(event.eventTime());
    }

    /** The same alert for a chat channel: the headlines, the console links as next steps, a thread per principal. */
    private String chat(TrailEvent event, String principal, Classification classification,
                        AnalyzerCallSummary analyzer, String subject, String changed, List<String> before) {
        Severity severity = classification.severity();
        List<String> description = new ArrayList<>();
        if (classification.isWatched()) {
            description.add(severity.name() + " - " + classification.watched().sentence());
            description.add(orUnknown(event.eventName()) + " on " + orUnknown(event.eventSource()) + outcome(event));
            description.add("By " + CallerName.of(event));
            description.add(where(event));
        } else {
            description.addAll(headlines(event, severity, analyzer));
            if (changed != null) {
                description.add("Changed: " + changed);
            }
        }
        description.add("Principal: " + principal);
        description.add("From: " + orUnknown(event.sourceIpAddress()));
        description.addAll(before);
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
