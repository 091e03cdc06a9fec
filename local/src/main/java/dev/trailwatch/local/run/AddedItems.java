package dev.trailwatch.local.run;

import dev.trailwatch.contract.TableLayout;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts the items a run adds to the table: the keys of every new item it writes, each once. This is the sum of
 * the core's {@code FileResult.stored} in the ordinary case, and stays exact when files are read concurrently:
 * a file the core hands back half-done (its count is lost with the exception) and the same event written by two
 * files at the same moment (each file counts it) are both counted right here.
 *
 * <p>The core only adds items through {@code PutItem} (conditional: it succeeds only for a new key) and
 * {@code BatchWriteItem} (only for keys it just read as absent), so the distinct keys of successful writes are
 * exactly the items this run added.
 */
public final class AddedItems {

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final String table;

    public AddedItems(String table) {
        this.table = table;
    }

    public long count() {
        return keys.size();
    }

    /** The same client, counting the items written through it. */
    public DynamoDbClient watch(DynamoDbClient dynamo) {
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.isDefault() && method.getParameterCount() == 1
                        && method.getParameterTypes()[0] == Consumer.class) {
                    // The SDK's convenience overloads build the request, then call the request overload: through
                    // this proxy, so that it is seen. (Every other method is a default that the client overrides.)
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "AddedItems(" + dynamo + ")";
                    };
                }
                Object result;
                try {
                    result = method.invoke(dynamo, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (args != null && args.length == 1) {
                    if (args[0] instanceof PutItemRequest put && table.equals(put.tableName())) {
                        added(put.item());
                    } else if (args[0] instanceof BatchWriteItemRequest batch
                            && result instanceof BatchWriteItemResponse response) {
                        written(batch, response);
                    }
                }
                return result;
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }

    private void written(BatchWriteItemRequest batch, BatchWriteItemResponse response) {
        List<WriteRequest> sent = batch.requestItems().getOrDefault(table, List.of());
        Set<String> unprocessed = ConcurrentHashMap.newKeySet();
        for (WriteRequest w : response.unprocessedItems().getOrDefault(table, List.of())) {
            if (w.putRequest() != null) {
                unprocessed.add(key(w.putRequest().item()));
            }
        }
        for (WriteRequest w : sent) {
            if (w.putRequest() != null) {
                String key = key(w.putRequest().item());
                if (!unprocessed.contains(key)) {
                    keys.add(key);
                }
            }
        }
    }

    private void added(Map<String, AttributeValue> item) {
        keys.add(key(item));
    }

    private static String key(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(TableLayout.PARTITION_KEY);
        AttributeValue sk = item.get(TableLayout.SORT_KEY);
        return (pk == null ? "" : pk.s()) + '\u0000' + (sk == null ? "" : sk.s());
    }
}
