package dev.trailwatch.local.store;

import dev.trailwatch.contract.TableLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads items back: all of them in one pass (Scan), or one principal's in time order (Query).
 */
public final class TableReader {

    /** Strings compared as DynamoDB compares them: by their UTF-8 bytes. */
    public static final Comparator<String> DYNAMODB_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final DynamoDbClient dynamo;
    private final String table;

    public TableReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Every item, in the table's own order (one pass); returns how many. */
    public long scan(Consumer<Map<String, AttributeValue>> action) {
        return each(dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items(), action);
    }

    /**
     * One principal's items in time order, with the sort key between {@code from} and {@code to} (inclusive;
     * either may be null for no bound). Returns how many.
     */
    public long query(String principal, String from, String to, Consumer<Map<String, AttributeValue>> action) {
        Map<String, String> names = Map.of("#pk", TableLayout.PARTITION_KEY, "#sk", TableLayout.SORT_KEY);
        String condition;
        Map<String, AttributeValue> values;
        if (from != null && to != null) {
            condition = "#pk = :pk AND #sk BETWEEN :from AND :to";
            values = Map.of(":pk", s(principal), ":from", s(from), ":to", s(to));
        } else if (from != null) {
            condition = "#pk = :pk AND #sk >= :from";
            values = Map.of(":pk", s(principal), ":from", s(from));
        } else if (to != null) {
            condition = "#pk = :pk AND #sk <= :to";
            values = Map.of(":pk", s(principal), ":to", s(to));
        } else {
            condition = "#pk = :pk";
            values = Map.of(":pk", s(principal));
            names = Map.of("#pk", TableLayout.PARTITION_KEY);
        }
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .build();
        return each(dynamo.queryPaginator(request).items(), action);
    }

    /** The SDK's paginator follows LastEvaluatedKey; this only counts what it hands over. */
    private static long each(SdkIterable<Map<String, AttributeValue>> items, Consumer<Map<String, AttributeValue>> action) {
        long total = 0;
        for (Map<String, AttributeValue> item : items) {
            action.accept(item);
            total++;
        }
        return total;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
