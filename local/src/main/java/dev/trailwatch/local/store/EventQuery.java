package dev.trailwatch.local.store;

import dev.trailwatch.contract.Severity;
import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.core.store.ItemAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Which stored events to read: by principal, event name and account (at least one), at least a severity, between
 * two sort keys; and the one DynamoDB Query that reads them in time order. The most selective key given is the
 * Query's key, the others are filters: a principal is one partition of the table (usually the fewest items); an
 * event name is one partition of {@code byEventName}; an account, one of {@code byAccount}, the broadest. The
 * three share the sort key {@code eventTimeId}, so the time range is always part of the key condition.
 *
 * @param fromKey lowest sort key (inclusive) or null
 * @param toKey highest sort key (inclusive) or null
 * @param minSeverity keep only mutating calls of at least this severity, or null for every call
 */
public record EventQuery(String principal, String eventName, String account, Severity minSeverity,
                         String fromKey, String toKey) {

    public EventQuery {
        if (principal == null && eventName == null && account == null) {
            throw new IllegalArgumentException("a query needs a principal, an event name or an account");
        }
    }

    /** The index the Query reads, or null for the table itself. */
    public String index() {
        if (principal != null) {
            return null;
        }
        return eventName != null ? TableLayout.INDEX_BY_EVENT_NAME : TableLayout.INDEX_BY_ACCOUNT;
    }

    QueryRequest toRequest(String table) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String keyName;
        String keyValue;
        if (principal != null) {
            keyName = TableLayout.PARTITION_KEY;
            keyValue = principal;
        } else if (eventName != null) {
            keyName = TableLayout.INDEX_BY_EVENT_NAME_KEY;
            keyValue = eventName;
        } else {
            keyName = TableLayout.INDEX_BY_ACCOUNT_KEY;
            keyValue = account;
        }
        names.put("#key", keyName);
        values.put(":key", AttributeValue.fromS(keyValue));
        StringBuilder condition = new StringBuilder("#key = :key");
        if (fromKey != null || toKey != null) {
            names.put("#sk", TableLayout.SORT_KEY);
        }
        if (fromKey != null && toKey != null) {
            condition.append(" AND #sk BETWEEN :from AND :to");
        } else if (fromKey != null) {
            condition.append(" AND #sk >= :from");
        } else if (toKey != null) {
            condition.append(" AND #sk <= :to");
        }
        if (fromKey != null) {
            values.put(":from", AttributeValue.fromS(fromKey));
        }
        if (toKey != null) {
            values.put(":to", AttributeValue.fromS(toKey));
        }

        List<String> filters = new ArrayList<>();
        equalFilter(filters, names, values, "principal", TableLayout.PARTITION_KEY, principal, keyName);
        equalFilter(filters, names, values, "eventName", TableLayout.INDEX_BY_EVENT_NAME_KEY, eventName, keyName);
        equalFilter(filters, names, values, "account", TableLayout.INDEX_BY_ACCOUNT_KEY, account, keyName);
        if (minSeverity != null) {
            // Only mutating calls carry a severity: a read never matches.
            List<String> levels = new ArrayList<>();
            for (Severity s : Arrays.stream(Severity.values()).filter(s -> s.isAtLeast(minSeverity)).toList()) {
                String placeholder = ":severity" + s.ordinal();
                values.put(placeholder, AttributeValue.fromS(s.name()));
                levels.add(placeholder);
            }
            names.put("#severity", ItemAttributes.SEVERITY);
            filters.add("#severity IN (" + String.join(", ", levels) + ")");
        }

        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index())
                .keyConditionExpression(condition.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        // Strongly consistent reads exist on the table only; DynamoDB refuses them on a global secondary index.
        return request.consistentRead(index() == null).build();
    }

    private static void equalFilter(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                                    String placeholder, String attribute, String value, String keyName) {
        if (value != null && !attribute.equals(keyName)) {
            names.put("#" + placeholder, attribute);
            values.put(":" + placeholder, AttributeValue.fromS(value));
            filters.add("#" + placeholder + " = :" + placeholder);
        }
    }
}
