package dev.trailwatch.lambda;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.event.WatchTargets;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.core.store.TableDefinition;
import dev.trailwatch.testing.DynamoDbLocalServer;
import dev.trailwatch.testing.FaultInjector;
import dev.trailwatch.testing.MotoServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The deployed stack in small: real SDK clients over HTTP to S3Mock, DynamoDB Local and moto's SNS, a fresh table
 * and a fresh alert topic (with a queue that receives what is published to it, see {@link MotoServer#publishedTo}),
 * configured like the function (url-connection client, standard retries). Handlers made from one stack share its
 * clients, as two invocations in two containers share the table. {@link #snsFaults} fails SNS calls on purpose.
 */
final class Stack implements AutoCloseable {

    static final String EVENT_SOURCE = "access-analyzer.amazonaws.com";

    final S3Hooks s3Hooks = new S3Hooks();
    /** Around the SNS client: moto fails no request by itself. */
    final FaultInjector snsFaults = new FaultInjector();
    final S3Client s3;
    final DynamoDbClient dynamo;
    final SnsClient sns;
    final String table = "events-" + UUID.randomUUID();
    final String topicArn;
    final Config config;

    Stack(S3MockExtension s3Mock, MotoServer moto, ExecutionInterceptor... dynamoInterceptors) {
        s3 = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(s3Mock.getServiceEndpoint()))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(s3Hooks))
                .build();
        dynamo = DynamoDbLocalServer.shared().clientBuilder()
                .overrideConfiguration(o -> {
                    o.retryStrategy(RetryMode.STANDARD);
                    List.of(dynamoInterceptors).forEach(o::addExecutionInterceptor);
                })
                .build();
        sns = moto.snsClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(snsFaults))
                .build();
        TableDefinition.createIfMissing(dynamo, table);
        topicArn = moto.createTopic("trailwatch-alerts-" + UUID.randomUUID());
        config = new Config(table, topicArn, Set.of(EVENT_SOURCE), Severity.LOW, 365, 4L * 1024 * 1024 * 1024);
    }

    TrailWatchHandler handler() {
        return handler(config);
    }

    /** A handler with this stack's clients and another configuration (a watch list's targets, a trail key). */
    TrailWatchHandler handler(Config configuration) {
        return new TrailWatchHandler(TrailWatchFunction.of(configuration, new AwsClients(s3, dynamo, sns)));
    }

    /** This stack's configuration, watching the given targets and, when given, refusing other keys than it. */
    Config watching(WatchTargets targets, Optional<String> trailKeyArn) {
        return new Config(config.tableName(), config.alertTopicArn(), config.eventSources(), config.alertMinSeverity(),
                config.retentionDays(), config.maxDecompressedBytes(), targets, trailKeyArn);
    }

    void put(String bucket, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    /** Puts the dump's file {@code dumpKey} under {@code key}. */
    void putDumpFile(String key, String dumpKey) {
        put(TrailFixtures.BUCKET, key, TrailFixtures.dumpFile(dumpKey));
    }

    List<Map<String, AttributeValue>> items() {
        return dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream().toList();
    }

    Set<String> storedEventIds() {
        Set<String> ids = new TreeSet<>();
        items().forEach(item -> ids.add(item.get(ItemAttributes.EVENT_ID).s()));
        return ids;
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        sns.close();
    }
}
