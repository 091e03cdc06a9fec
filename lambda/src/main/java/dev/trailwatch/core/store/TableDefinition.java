package dev.trailwatch.core.store;

import dev.trailwatch.contract.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table as the SDK creates it, for DynamoDB Local (the local runner and tests); the CDK stack declares the
 * same keys and indexes from {@link TableLayout}.
 */
public final class TableDefinition {

    private TableDefinition() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(TableLayout.PARTITION_KEY),
                        string(TableLayout.SORT_KEY),
                        string(TableLayout.INDEX_BY_EVENT_NAME_KEY),
                        string(TableLayout.INDEX_BY_ACCOUNT_KEY))
                .keySchema(hash(TableLayout.PARTITION_KEY), range(TableLayout.SORT_KEY))
                .globalSecondaryIndexes(
                        index(TableLayout.INDEX_BY_EVENT_NAME, TableLayout.INDEX_BY_EVENT_NAME_KEY),
                        index(TableLayout.INDEX_BY_ACCOUNT, TableLayout.INDEX_BY_ACCOUNT_KEY))
                .build();
    }

    /** Creates the table unless it exists; true when it was created. */
    public static boolean createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(createTableRequest(tableName));
            return true;
        } catch (ResourceInUseException e) {
            return false;
        }
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(hash(partitionKey), range(TableLayout.SORT_KEY))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
