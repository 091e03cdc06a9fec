package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.store.TableDefinition;
import dev.trailwatch.testing.DynamoDbLocalServer;
import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.MotoServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * How long the handler takes from an EventBridge event (an SQS message of the fast path) to its alert's publish,
 * on the emulators: DynamoDB Local in this JVM and moto's SNS. A measurement, not a test: run it with
 * {@code mvn -B -o -pl lambda -am -DskipTests -Pfastpath-bench package} (BENCHMARKS.md). Each invocation gets a
 * fresh event (new event id, new eventID, eventTime now) of the delete-analyzer fixture, so each one stores an
 * item, claims, publishes and marks its alert: the fast path's whole work. Arguments: {@code [N] [WARMUP]}.
 */
public final class FastPathLatencyBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FastPathLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        PrintStream out = System.out;

        DynamoDbClient dynamo = DynamoDbLocalServer.shared().clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
        AtomicLong publishedAt = new AtomicLong();
        SnsClient sns = MotoServer.shared().snsClientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(
                        new ExecutionInterceptor() {
                            @Override
                            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                                if ("Publish".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                                    publishedAt.set(System.nanoTime());
                                }
                            }
                        }))
                .build();
        // The fast path never reads S3: a client that would fail loudly if it did.
        S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9")).build();
        String table = "bench-" + UUID.randomUUID();
        TableDefinition.createIfMissing(dynamo, table);
        String topic = MotoServer.shared().createTopic("trailwatch-bench-alerts");
        Config config = new Config(table, topic, Set.of("access-analyzer.amazonaws.com"), Severity.LOW, 365,
                4L * 1024 * 1024 * 1024);
        TrailWatchHandler handler = new TrailWatchHandler(TrailWatchFunction.of(config, new AwsClients(s3, dynamo, sns)));
        ObjectNode template = (ObjectNode) MAPPER.readTree(
                Files.readString(Path.of("src", "test", "resources", "eventbridge", "delete-analyzer.json")));

        List<Double> toPublish = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        // The handler's log lines and metric documents go to stdout: keep them out of the figures' way.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (int i = 0; i < warmup + n; i++) {
                ObjectNode event = template.deepCopy();
                event.put("id", UUID.randomUUID().toString());
                ((ObjectNode) event.get("detail")).put("eventID", UUID.randomUUID().toString())
                        .put("eventTime", Instant.now().toString());
                publishedAt.set(0);
                long start = System.nanoTime();
                SQSBatchResponse response = handler.handleRequest(
                        Messages.event(Messages.withBody(event.toString())), FakeLambdaContext.plenty());
                long end = System.nanoTime();
                if (!response.getBatchItemFailures().isEmpty() || publishedAt.get() == 0) {
                    throw new IllegalStateException("invocation " + i + " did not publish its alert");
                }
                if (i >= warmup) {
                    toPublish.add((publishedAt.get() - start) / 1e6);
                    whole.add((end - start) / 1e6);
                }
            }
        } finally {
            System.setOut(out);
        }
        out.printf("fast path on the emulators: %d invocations (after %d warm-up), one EventBridge event each%n",
                n, warmup);
        out.printf("event to publish: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                percentile(toPublish, 50), percentile(toPublish, 95), percentile(toPublish, 100));
        out.printf("whole invocation (alert marked sent, metrics written): median %.1f ms, p95 %.1f ms%n",
                percentile(whole, 50), percentile(whole, 95));
        out.printf("JVM %s, %d cores, load average %.2f%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
