package dev.trailwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class S3ObjectsTest {

    private static final String BUCKET = "trail";
    private static final String FIXTURE = "cloudtrail-one-record.json";

    @RegisterExtension
    static final S3MockExtension s3Mock = S3Objects.mock(BUCKET);

    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Objects.client(s3Mock);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void aResourcePutGzippedComesBackAsTheGzipOfTheResource() throws IOException {
        S3Objects.putResourceGzipped(s3, BUCKET, "AWSLogs/123456789012/CloudTrail/us-east-1/one.json.gz", FIXTURE);

        byte[] stored = S3Objects.get(s3, BUCKET, "AWSLogs/123456789012/CloudTrail/us-east-1/one.json.gz");

        assertThat(Gzip.gunzip(stored)).isEqualTo(S3Objects.resource(FIXTURE));
        assertThat(new String(S3Objects.resource(FIXTURE), StandardCharsets.UTF_8))
                .contains("\"eventSource\":\"access-analyzer.amazonaws.com\"");
    }

    @Test
    void rawResourcesAndFilesAreStoredByteForByte(@TempDir Path dir) throws IOException {
        byte[] corrupt = Gzip.truncated(Gzip.gzip(S3Objects.resource(FIXTURE)));
        Path file = Files.write(dir.resolve("corrupt.json.gz"), corrupt);

        S3Objects.putResource(s3, BUCKET, "raw.json", FIXTURE);
        S3Objects.putFile(s3, BUCKET, "corrupt.json.gz", file);

        assertThat(S3Objects.get(s3, BUCKET, "raw.json")).isEqualTo(S3Objects.resource(FIXTURE));
        assertThat(S3Objects.get(s3, BUCKET, "corrupt.json.gz")).isEqualTo(corrupt);
    }

    @Test
    void aMissingResourceIsReportedByName() {
        assertThatThrownBy(() -> S3Objects.resource("no-such-fixture.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-fixture.json");
    }
}
