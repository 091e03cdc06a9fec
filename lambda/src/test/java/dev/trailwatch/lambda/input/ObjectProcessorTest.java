package dev.trailwatch.lambda.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.ProcessorSettings;
import dev.trailwatch.core.alert.AlertSink;
import dev.trailwatch.core.store.DynamoDbEventStore;
import dev.trailwatch.core.store.TableDefinition;
import dev.trailwatch.lambda.report.FileOutcome;
import dev.trailwatch.lambda.report.FileSummaryLog;
import dev.trailwatch.testing.DynamoDbLocalServer;
import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** One object, from S3's answer to its outcome: what becomes of the download when the file is done with. */
class ObjectProcessorTest {

    private static final DynamoDbClient DYNAMO = DynamoDbLocalServer.shared().client();
    private static final S3ObjectRef REF = new S3ObjectRef("trail-bucket",
            "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/23/111122223333_CloudTrail_us-east-1_20261123T1200Z_x.json.gz");

    private static ObjectProcessor processor(Download download) {
        String table = "objects-" + UUID.randomUUID();
        TableDefinition.createIfMissing(DYNAMO, table);
        AlertSink noAlerts = alert -> {
            throw new AssertionError("no alert expected: " + alert.subject());
        };
        LogFileProcessor core = new LogFileProcessor(ProcessorSettings.defaults(table),
                new DynamoDbEventStore(DYNAMO, table), noAlerts, Clock.systemUTC());
        return new ObjectProcessor(new OneObjectS3(download), core, new FileSummaryLog(), Optional.empty(),
                Clock.systemUTC());
    }

    @Test
    void aFileThatFailsHalfWayHasItsDownloadAbortedRatherThanReadToTheEnd() {
        byte[] file = TrailFileGenerator.builder().seed(31).targetBytes(6_000_000).accessAnalyzerFraction(0)
                .build().jsonBytes();
        file[1_000_000] = (byte) 0xff; // never valid in UTF-8 JSON: the reader stops there
        Download download = new Download(file);

        FileOutcome outcome = processor(download).process(REF, Instant.now().plusSeconds(600));

        assertThat(outcome.outcome()).isEqualTo(FileOutcome.Outcome.FAILED);
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.reason()).startsWith("invalid JSON at byte 100000").contains("UTF-8");
        assertThat(download.aborted).isTrue();
        assertThat(download.transferred()).as("bytes downloaded").isLessThan(file.length);
    }

    @Test
    void aFileReadToItsEndIsClosedAndNotAborted() {
        byte[] file = TrailFileGenerator.builder().seed(32).targetBytes(200_000).accessAnalyzerFraction(0)
                .build().gzipBytes();
        Download download = new Download(file);

        FileOutcome outcome = processor(download).process(REF, Instant.now().plusSeconds(600));

        assertThat(outcome.outcome()).isEqualTo(FileOutcome.Outcome.PROCESSED);
        assertThat(download.aborted).isFalse();
        assertThat(download.closed).isTrue();
        assertThat(download.transferred()).isEqualTo(file.length);
    }

    /**
     * The body of a GetObject answer as the SDK's HTTP clients behave: closing it first reads what is left of the
     * object, so that the connection can be used again; aborting it drops the connection instead.
     */
    private static final class Download extends InputStream {
        private final byte[] data;
        private int pos;
        volatile boolean aborted;
        volatile boolean closed;

        Download(byte[] data) {
            this.data = data;
        }

        int transferred() {
            return pos;
        }

        void abort() {
            aborted = true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (aborted || closed) {
                throw new IOException("the download was " + (aborted ? "aborted" : "closed"));
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(len, data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public synchronized void close() {
            if (!aborted && !closed) {
                pos = data.length; // drained
            }
            closed = true;
        }
    }

    /** An S3 client that answers every GetObject with the one download. */
    private record OneObjectS3(Download download) implements S3Client {
        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
            return new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) download.data.length).build(),
                    AbortableInputStream.create(download, download::abort));
        }

        @Override
        public String serviceName() {
            return S3Client.SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
