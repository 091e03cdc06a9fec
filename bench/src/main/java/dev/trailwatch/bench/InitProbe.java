package dev.trailwatch.bench;

import dev.trailwatch.core.EventStore;
import dev.trailwatch.core.FileResult;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.ProcessorSettings;
import dev.trailwatch.core.SnsAlertSink;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * What the function does before and during its first file, in a fresh JVM started from the shaded jar with
 * Lambda-like flags: build the three clients and the processing core once, then read one log file. Run by
 * {@link ReaderBenchmark} with {@code -cp lambda.jar:bench-classes}; prints
 * {@code INIT clientsMs=… firstFileMs=… classes=…}. The endpoints point at a closed local port: building a client
 * makes no call, and a file without Access Analyzer calls makes none either.
 */
public final class InitProbe {

    private InitProbe() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        URI nowhere = URI.create("http://127.0.0.1:9");
        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(nowhere).forcePathStyle(true).build();
        DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(nowhere).build();
        SnsClient sns = SnsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(nowhere).build();
        LogFileProcessor processor = new LogFileProcessor(ProcessorSettings.defaults("trailwatch-events"),
                new EventStore(dynamo, "trailwatch-events"), new SnsAlertSink(sns, "arn:aws:sns:us-east-1:111122223333:t"),
                Clock.systemUTC());
        long t1 = System.nanoTime();
        FileResult result;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            result = processor.process("s3://bucket/first.json.gz", in, Instant.now().plusSeconds(60));
        }
        long t2 = System.nanoTime();
        if (result.failed() || result.records() == 0) {
            System.out.println("WRONG " + result);
            System.exit(2);
        }
        long classes = java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.printf("INIT clientsMs=%.1f firstFileMs=%.1f classes=%d records=%d%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, classes, result.records());
        s3.close();
        dynamo.close();
        sns.close();
    }
}
