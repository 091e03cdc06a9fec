package dev.trailwatch.lambda;

import dev.trailwatch.core.store.DynamoDbEventStore;
import dev.trailwatch.core.store.EventStore;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.alert.SnsAlertSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SnapStart priming: before Lambda takes the snapshot, runs the whole path of a log file once (S3 GetObject,
 * gunzip, the record filter and its second thread, Jackson, event mapping, DynamoDB reads and writes, the SNS
 * alert) so that the classes are loaded and the hot code is compiled in the snapshot rather than on the first
 * file after every restore.
 *
 * <p>It calls nothing outside the process: the SDK clients it uses are built like the function's but on a canned
 * in-memory HTTP client, so every request is marshalled, signed and its answer unmarshalled as in production,
 * while no item is written, no alert is sent, no metric or log line counts a file, and the trail records no call
 * of TrailWatch's own. Registered once per container by {@link TrailWatchFunction#fromEnvironment}.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    private static final int ROUNDS = 5;

    private final Config config;

    private SnapStartPriming(Config config) {
        this.config = config;
    }

    /** Registers the hook; the returned object must stay referenced (CRaC holds resources weakly). */
    static SnapStartPriming register(Config config) {
        SnapStartPriming priming = new SnapStartPriming(config);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the function's own clients were never used by priming
    }

    /** Runs the priming; never fails the init (a failure only costs warmth). Returns the milliseconds it took. */
    long prime() {
        long start = System.nanoTime();
        try {
            primeOnce();
        } catch (RuntimeException | Error e) {
            LOG.warn("SnapStart priming did not complete: {}", e.toString());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void primeOnce() {
        byte[] small = gzip(sampleLog(300, 12));      // a typical file: alerts and stored calls among others
        byte[] large = gzip(sampleLog(3_000, 0));     // large enough for the reader's decompression thread
        CannedHttp http = new CannedHttp(small, large);
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPRIMING", "priming"));
        try (S3Client s3 = S3Client.builder().httpClient(http).region(Region.US_EAST_1).credentialsProvider(credentials)
                     .forcePathStyle(true).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(http).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build();
             SnsClient sns = SnsClient.builder().httpClient(http).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).build()) {
            LogFileProcessor core = new LogFileProcessor(config.processorSettings(),
                    new DynamoDbEventStore(dynamo, config.tableName()), new SnsAlertSink(sns, config.alertTopicArn(), config.alertDetail()),
                    Clock.systemUTC());
            for (int round = 0; round < ROUNDS; round++) {
                for (String key : new String[] {"small.json.gz", "large.json.gz"}) {
                    try (ResponseInputStream<GetObjectResponse> object =
                                 s3.getObject(b -> b.bucket("trailwatch-priming").key(key))) {
                        core.process("s3://trailwatch-priming/" + key, object, Instant.now().plusSeconds(600));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }

    /** A compact CloudTrail file: {@code alerting} mutating Access Analyzer calls, a few reads, the rest S3 and KMS. */
    static String sampleLog(int records, int alerting) {
        StringBuilder sb = new StringBuilder(records * 900).append("{\"Records\":[");
        for (int i = 0; i < records; i++) {
            if (i > 0) {
                sb.append(',');
            }
            boolean accessAnalyzer = i < alerting || i % 97 == 5;
            String source = accessAnalyzer ? "access-analyzer.amazonaws.com" : (i % 2 == 0 ? "s3.amazonaws.com" : "kms.amazonaws.com");
            String name = !accessAnalyzer ? (i % 2 == 0 ? "GetObject" : "Decrypt")
                    : i < alerting ? new String[] {"DeleteAnalyzer", "CreateArchiveRule", "UpdateFindings", "TagResource"}[i % 4]
                    : "ListFindings";
            sb.append("{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAPRIMING:s\",")
                    .append("\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/s\",\"accountId\":\"111122223333\",")
                    .append("\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::111122223333:role/Admin\"},")
                    .append("\"attributes\":{\"creationDate\":\"2026-01-01T00:00:00Z\",\"mfaAuthenticated\":\"false\"}}},")
                    .append("\"eventTime\":\"2026-01-01T00:00:").append(String.format("%02d", i % 60)).append("Z\",")
                    .append("\"eventSource\":\"").append(source).append("\",\"eventName\":\"").append(name).append("\",")
                    .append("\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"192.0.2.").append(i % 250).append("\",")
                    .append("\"userAgent\":\"aws-cli/2.15.0 Python/3.11.6\",")
                    .append("\"requestParameters\":{\"analyzerName\":\"priming\",\"status\":\"ARCHIVED\",\"policy\":\"{\\\"a\\\":[1,2]}\"},")
                    .append("\"responseElements\":null,\"requestID\":\"req-").append(i).append("\",")
                    .append("\"eventID\":\"00000000-0000-0000-0000-").append(String.format("%012d", i)).append("\",")
                    .append("\"readOnly\":").append(accessAnalyzer && i < alerting ? "false" : "true").append(',')
                    .append("\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"111122223333\",")
                    .append("\"eventCategory\":\"Management\",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\"}}");
        }
        return sb.append("]}").toString();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Answers each service the way it answers a success, from memory. */
    private static final class CannedHttp implements SdkHttpClient {
        private static final byte[] SNS_PUBLISHED = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<PublishResult><MessageId>priming</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></PublishResponse>")
                .getBytes(StandardCharsets.UTF_8);
        private static final byte[] DYNAMODB_OK = "{}".getBytes(StandardCharsets.UTF_8);

        private final byte[] small;
        private final byte[] large;

        CannedHttp(byte[] small, byte[] large) {
            this.small = small;
            this.large = large;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            body.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                    byte[] body;
                    String type;
                    if (request.httpRequest().firstMatchingHeader("X-Amz-Target").isPresent()) {
                        body = DYNAMODB_OK;
                        type = "application/x-amz-json-1.0";
                    } else if (request.httpRequest().method() == SdkHttpMethod.GET) {
                        body = request.httpRequest().encodedPath().endsWith("large.json.gz") ? large : small;
                        type = "application/octet-stream";
                    } else {
                        body = SNS_PUBLISHED;
                        type = "text/xml";
                    }
                    SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200)
                            .putHeader("Content-Type", type)
                            .putHeader("Content-Length", Integer.toString(body.length))
                            .putHeader("x-amzn-RequestId", "priming")
                            .build();
                    return HttpExecuteResponse.builder().response(response)
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                    // nothing in flight
                }
            };
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
