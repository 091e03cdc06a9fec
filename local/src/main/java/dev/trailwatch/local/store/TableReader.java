package dev.trailwatch.local.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Reads items back: all of them in one pass (Scan), or those of a principal, an event name or an account in time
 * order (Query, on the table or an index).
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
     * The items of one segment of a parallel Scan ({@code segment} of {@code totalSegments}): the segments together
     * hold every item once, so each can be read on its own thread. Returns how many.
     */
    public long scanSegment(int segment, int totalSegments, Consumer<Map<String, AttributeValue>> action) {
        return each(dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true).segment(segment)
                .totalSegments(totalSegments)).items(), action);
    }

    /** Every item, only the named attributes of each (one pass, a lighter read); returns how many. */
    public long scan(List<String> attributes, Consumer<Map<String, AttributeValue>> action) {
        Map<String, String> names = new HashMap<>();
        List<String> projection = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            names.put("#a" + i, attributes.get(i));
            projection.add("#a" + i);
        }
        return each(dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)
                .projectionExpression(String.join(", ", projection)).expressionAttributeNames(names)).items(), action);
    }

    /** The items a filtered Scan selects, in the table's own order; returns how many. */
    public long scan(ScanRequest.Builder request, Consumer<Map<String, AttributeValue>> action) {
        return each(dynamo.scanPaginator(request.tableName(table).consistentRead(true).build()).items(), action);
    }

    /** The items {@code query} selects, in time order (then eventID); returns how many. */
    public long query(EventQuery query, Consumer<Map<String, AttributeValue>> action) {
        return each(dynamo.queryPaginator(query.toRequest(table)).items(), action);
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
}
