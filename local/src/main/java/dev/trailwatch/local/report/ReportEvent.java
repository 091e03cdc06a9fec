package dev.trailwatch.local.report;

import dev.trailwatch.contract.Severity;
import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.local.store.TableReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the report shows of one stored event. {@code severity} is null for a read; every text is as stored. */
public record ReportEvent(String principal, Instant time, String eventName, Severity severity, String account,
                          String region, String sourceIp, String errorCode, boolean alerted) {

    private static final List<String> ATTRIBUTES = List.of(TableLayout.PARTITION_KEY, ItemAttributes.EVENT_TIME,
            ItemAttributes.EVENT_NAME, ItemAttributes.SEVERITY, ItemAttributes.RECIPIENT_ACCOUNT_ID,
            ItemAttributes.AWS_REGION, ItemAttributes.SOURCE_IP_ADDRESS, ItemAttributes.ERROR_CODE,
            ItemAttributes.ALERT_SENT_AT);

    /**
     * Every event in the table, in time order: one Scan of the attributes shown. The report is about everything
     * stored, so every item is read once whatever the keys.
     */
    public static List<ReportEvent> readAll(TableReader table) {
        List<ReportEvent> events = new ArrayList<>();
        table.scan(ATTRIBUTES, item -> {
            Instant time = time(text(item, ItemAttributes.EVENT_TIME));
            if (time != null) { // the core stores only events with a time; a hand-edited item is left out
                events.add(new ReportEvent(text(item, TableLayout.PARTITION_KEY), time,
                        text(item, ItemAttributes.EVENT_NAME), severity(text(item, ItemAttributes.SEVERITY)),
                        text(item, ItemAttributes.RECIPIENT_ACCOUNT_ID), text(item, ItemAttributes.AWS_REGION),
                        text(item, ItemAttributes.SOURCE_IP_ADDRESS), text(item, ItemAttributes.ERROR_CODE),
                        item.containsKey(ItemAttributes.ALERT_SENT_AT)));
            }
        });
        Comparator<ReportEvent> byTime = Comparator.comparing(ReportEvent::time);
        events.sort(byTime.thenComparing((x, y) -> TableReader.DYNAMODB_ORDER.compare(x.principal(), y.principal())));
        return events;
    }

    public boolean mutating() {
        return severity != null;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static Instant time(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Severity severity(String text) {
        try {
            return text.isEmpty() ? null : Severity.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
