package dev.trailwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sns.SnsClient;

class FaultInjectorTest {

    @RegisterExtension
    static final DynamoDbLocalServer dynamo = new DynamoDbLocalServer();

    @RegisterExtension
    static final MotoServer moto = MotoServer.shared();

    private static final String TABLE = "faults";
    private static final FaultInjector faults = new FaultInjector();
    private static DynamoDbClient client;

    @BeforeAll
    static void createTable() {
        client = dynamo.client(faults);
        DynamoDbLocalServerTest.createTable(client, TABLE);
    }

    @BeforeEach
    void emptyTheTableAndResetTheInjector() {
        client.scan(b -> b.tableName(TABLE)).items()
                .forEach(item -> client.deleteItem(b -> b.tableName(TABLE).key(Map.of("pk", item.get("pk")))));
        faults.reset();
    }

    private static Map<String, AttributeValue> item(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static List<String> keysInTable() {
        return client.scan(b -> b.tableName(TABLE).consistentRead(true)).items().stream()
                .map(i -> i.get("pk").s()).sorted().toList();
    }

    private static WriteRequest put(String pk) {
        return WriteRequest.builder().putRequest(p -> p.item(item(pk))).build();
    }

    @Test
    void aBatchWriteWithHalfUnprocessedReportsTwoOfFourItemsAndWritesOnlyTheOtherTwo() {
        faults.reportHalfUnprocessed(1);

        BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(Map.of(TABLE,
                List.of(put("a"), put("b"), put("c"), put("d")))));

        List<WriteRequest> unprocessed = response.unprocessedItems().get(TABLE);
        assertThat(unprocessed).hasSize(2);
        List<String> unprocessedKeys = unprocessed.stream().map(w -> w.putRequest().item().get("pk").s()).toList();
        assertThat(keysInTable()).hasSize(2).doesNotContainAnyElementsOf(unprocessedKeys);
        assertThat(keysInTable()).containsExactly("a", "b");
    }

    @Test
    void resendingTheUnprocessedItemsWritesThemOnceTheFaultIsUsedUp() {
        faults.reportHalfUnprocessed(1);
        BatchWriteItemResponse first = client.batchWriteItem(b -> b.requestItems(Map.of(TABLE,
                List.of(put("a"), put("b"), put("c")))));

        BatchWriteItemResponse second = client.batchWriteItem(b -> b.requestItems(first.unprocessedItems()));

        assertThat(first.unprocessedItems().get(TABLE)).hasSize(1);
        assertThat(second.unprocessedItems()).isEmpty();
        assertThat(keysInTable()).containsExactly("a", "b", "c");
        assertThat(faults.calls("BatchWriteItem")).isEqualTo(2);
    }

    @Test
    void aCrashAfterASuccessfulPutLeavesTheItemInTheTableButTheCallerSeesTheCrash() {
        faults.crashAfterSuccessfulCall("PutItem", 2);
        client.putItem(b -> b.tableName(TABLE).item(item("first")));

        assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(item("second"))))
                .isInstanceOf(InjectedCrash.class)
                .hasMessageContaining("PutItem");
        client.putItem(b -> b.tableName(TABLE).item(item("third")));

        assertThat(keysInTable()).containsExactly("first", "second", "third");
        assertThat(faults.successes("PutItem")).isEqualTo(3);
    }

    @Test
    void aThrottledFirstAttemptIsRetriedByTheSdkAndThePutSucceeds() {
        faults.failAttempts("PutItem", 1, FaultInjector.dynamoDbThrottling());

        client.putItem(b -> b.tableName(TABLE).item(item("throttled-once")));

        assertThat(keysInTable()).containsExactly("throttled-once");
        assertThat(faults.calls("PutItem")).isEqualTo(1);
        assertThat(faults.attempts("PutItem")).isEqualTo(2);
        assertThat(faults.injectedFailures("PutItem")).isEqualTo(1);
    }

    @Test
    void whenRetriesRunOutTheCallerGetsTheServicesOwnExceptionType() {
        try (DynamoDbClient standard = dynamo.clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(faults))
                .build()) {
            faults.failAttempts("PutItem", 3, FaultInjector.dynamoDbInternalError());

            assertThatThrownBy(() -> standard.putItem(b -> b.tableName(TABLE).item(item("never"))))
                    .isInstanceOfSatisfying(InternalServerErrorException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
                        assertThat(e.getMessage()).contains("Service: DynamoDb", "Status Code: 500");
                    });
            assertThat(faults.attempts("PutItem")).isEqualTo(3);
            assertThat(keysInTable()).isEmpty();
        }
    }

    @Test
    void throttlingExceptionsCarryTheThrottlingErrorCode() {
        assertThat(FaultInjector.dynamoDbThrottling().get())
                .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThat(FaultInjector.dynamoDbThrottlingException().get())
                .isInstanceOfSatisfying(software.amazon.awssdk.services.dynamodb.model.ThrottlingException.class,
                        e -> assertThat(e.isThrottlingException()).isTrue());
    }

    @Test
    void aConnectionResetIsRetriedLikeANetworkError() {
        faults.failAttempts("GetItem", 2, FaultInjector.connectionReset());

        client.getItem(b -> b.tableName(TABLE).key(item("absent")));

        assertThat(faults.attempts("GetItem")).isEqualTo(3);
        assertThat(FaultInjector.connectionReset().get()).isInstanceOf(SdkClientException.class);
    }

    @Test
    void faultsOnlyHitTheOperationTheyWereArmedFor() {
        faults.failAttempts("UpdateItem", 5, FaultInjector.dynamoDbThrottling());

        IntStream.range(0, 3).forEach(i -> client.putItem(b -> b.tableName(TABLE).item(item("k" + i))));

        assertThat(faults.attempts("PutItem")).isEqualTo(3);
        assertThat(faults.injectedFailures("PutItem")).isZero();
        assertThat(faults.calls("UpdateItem")).isZero();
    }

    @Test
    void theInjectorWorksOnTheSnsClientToo() {
        String topic = moto.createTopic("faults");
        SnsClient snsClient = moto.snsClient(faults);
        faults.failAttempts("Publish", 1, FaultInjector.snsThrottling());
        faults.crashAfterSuccessfulCall("Publish", 1);

        assertThatThrownBy(() -> snsClient.publish(b -> b.topicArn(topic).message("m")))
                .isInstanceOf(InjectedCrash.class);

        assertThat(faults.attempts("Publish")).isEqualTo(2);
        assertThat(faults.injectedFailures("Publish")).as("the throttle, before anything was sent").isEqualTo(1);
        assertThat(moto.publishedTo(topic)).as("the crash came after SNS accepted the message").hasSize(1);
    }
}
