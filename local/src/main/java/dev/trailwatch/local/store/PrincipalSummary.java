package dev.trailwatch.local.store;

import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.store.ItemAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One line per principal: how many calls are stored, how many of them mutating (they carry a severity), and the
 * time of the last. Read with one Scan of the table, only the three attributes needed: no key or index lists
 * principals (they are the partition key, and DynamoDB has no "every partition key" operation), so every item
 * has to be seen once anyway.
 */
public record PrincipalSummary(String principal, long calls, long mutating, String lastCall) {

    /** Every principal in the table, in the order of events.jsonl (DynamoDB's order of strings). */
    public static List<PrincipalSummary> read(TableReader table) {
        Map<String, long[]> counts = new TreeMap<>(TableReader.DYNAMODB_ORDER);
        Map<String, String> last = new TreeMap<>(TableReader.DYNAMODB_ORDER);
        table.scan(List.of(TableLayout.PARTITION_KEY, ItemAttributes.EVENT_TIME, ItemAttributes.SEVERITY), item -> {
            String principal = text(item, TableLayout.PARTITION_KEY);
            long[] c = counts.computeIfAbsent(principal, p -> new long[2]);
            c[0]++;
            if (item.containsKey(ItemAttributes.SEVERITY)) {
                c[1]++;
            }
            String time = text(item, ItemAttributes.EVENT_TIME);
            // Stored event times are normalised ISO-8601 UTC to the second: as strings, they sort as times.
            if (time != null && (last.get(principal) == null || time.compareTo(last.get(principal)) > 0)) {
                last.put(principal, time);
            }
        });
        List<PrincipalSummary> rows = new ArrayList<>(counts.size());
        counts.forEach((p, c) -> rows.add(new PrincipalSummary(p, c[0], c[1], last.get(p))));
        return rows;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
