package dev.trailwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalServerTest {

    @RegisterExtension
    static final DynamoDbLocalServer dynamo = new DynamoDbLocalServer();

    static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }

    @Test
    void aTableCreatedOverHttpTakesAPutAndGivesTheItemBack() {
        DynamoDbClient client = dynamo.client();
        createTable(client, "items");

        client.putItem(b -> b.tableName("items").item(Map.of(
                "pk", AttributeValue.fromS("p1"),
                "note", AttributeValue.fromS("Zoë ✓"),
                "n", AttributeValue.fromN("42"))));
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName("items")
                .key(Map.of("pk", AttributeValue.fromS("p1")))
                .consistentRead(true)).item();

        assertThat(dynamo.endpoint().toString()).matches("http://localhost:\\d+");
        assertThat(item).containsEntry("note", AttributeValue.fromS("Zoë ✓")).containsEntry("n", AttributeValue.fromN("42"));
    }

    @Test
    void clientsWithOtherCredentialsAndRegionsSeeTheSameTables() {
        DynamoDbClient client = dynamo.client();
        createTable(client, "shared-view");
        try (DynamoDbClient other = dynamo.clientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("other", "key")))
                .region(Region.EU_WEST_1)
                .build()) {
            assertThat(other.listTables().tableNames()).contains("shared-view");
        }
    }

    @Test
    void deleteAllTablesLeavesNoTableBehind() {
        DynamoDbClient client = dynamo.client();
        createTable(client, "to-delete");

        dynamo.deleteAllTables();

        assertThat(client.listTables().tableNames()).isEmpty();
    }

    @Test
    void theSharedServerIsOneRunningInstancePerJvm() {
        DynamoDbLocalServer shared = DynamoDbLocalServer.shared();

        assertThat(DynamoDbLocalServer.shared()).isSameAs(shared);
        assertThat(shared.endpoint()).isNotEqualTo(dynamo.endpoint());
        try (DynamoDbClient client = shared.clientBuilder().build()) {
            createTable(client, "shared-" + System.nanoTime());
            assertThat(client.listTables().tableNames()).anyMatch(name -> name.startsWith("shared-"));
        }
    }
}
