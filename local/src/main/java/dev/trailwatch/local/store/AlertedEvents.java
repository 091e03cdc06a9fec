package dev.trailwatch.local.store;

import dev.trailwatch.contract.Severity;
import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.store.ItemAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Every event whose alert went out ({@code alertSentAt} is set), in time order, whichever run raised it. A Scan
 * with a filter: no key or index holds "alerted" (alerts span every principal, event name and account), so every
 * item is looked at once; only the alerted ones are kept, then sorted by their sort key (time, then eventID).
 *
 * @param fromKey lowest sort key (inclusive) or null
 * @param toKey highest sort key (inclusive) or null
 * @param minSeverity at least this severity, or null for every alert
 */
public record AlertedEvents(String fromKey, String toKey, Severity minSeverity) {

    private static final Comparator<Map<String, AttributeValue>> TIME_ORDER = Comparator
            .comparing((Map<String, AttributeValue> item) -> item.get(TableLayout.SORT_KEY).s(),
                    TableReader.DYNAMODB_ORDER)
            .thenComparing(item -> item.get(TableLayout.PARTITION_KEY).s(), TableReader.DYNAMODB_ORDER);

    public List<Map<String, AttributeValue>> read(TableReader table) {
        List<Map<String, AttributeValue>> alerted = new ArrayList<>();
        table.scan(request(), alerted::add);
        alerted.sort(TIME_ORDER);
        return alerted;
    }

    ScanRequest.Builder request() {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> filters = new ArrayList<>();
        names.put("#sent", ItemAttributes.ALERT_SENT_AT);
        filters.add("attribute_exists(#sent)");
        if (fromKey != null || toKey != null) {
            names.put("#sk", TableLayout.SORT_KEY);
        }
        if (fromKey != null) {
            values.put(":from", AttributeValue.fromS(fromKey));
            filters.add("#sk >= :from");
        }
        if (toKey != null) {
            values.put(":to", AttributeValue.fromS(toKey));
            filters.add("#sk <= :to");
        }
        if (minSeverity != null) {
            List<String> levels = new ArrayList<>();
            for (Severity s : Arrays.stream(Severity.values()).filter(s -> s.isAtLeast(minSeverity)).toList()) {
                values.put(":severity" + s.ordinal(), AttributeValue.fromS(s.name()));
                levels.add(":severity" + s.ordinal());
            }
            names.put("#severity", ItemAttributes.SEVERITY);
            filters.add("#severity IN (" + String.join(", ", levels) + ")");
        }
        ScanRequest.Builder request = ScanRequest.builder().filterExpression(String.join(" AND ", filters))
                .expressionAttributeNames(names);
        return values.isEmpty() ? request : request.expressionAttributeValues(values);
    }
}
