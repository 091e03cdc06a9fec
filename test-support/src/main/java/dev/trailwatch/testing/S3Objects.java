package dev.trailwatch.testing;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 fixtures for S3Mock: the extension ({@code @RegisterExtension static final S3MockExtension s3Mock =
 * S3Objects.mock("trail");}), a client, and puts of classpath or file fixtures, raw or gzipped on the way in.
 * S3Mock stores {@code Content-Encoding: gzip,aws-chunked} where S3 strips {@code aws-chunked}: do not assert on
 * that header.
 */
public final class S3Objects {

    public static final String SPRING_LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    private S3Objects() {
    }

    /**
     * S3Mock on plain HTTP, quiet, with the given buckets, as a JUnit extension to register {@code static}.
     *
     * <p>Also sets the system property {@value #SPRING_LOGGING_SYSTEM} to Spring Boot's JUL logging system: the test
     * classpath has slf4j-simple as SLF4J provider and S3Mock brings Logback, and S3Mock's Spring Boot refuses to
     * start with Logback's logging system then ("LoggerFactory is not a Logback LoggerContext but Logback is on the
     * classpath"). With the JUL system, {@code silent()}'s {@code logging.level.root=WARN} still quiets Spring and
     * Tomcat. Building the extension with {@code S3MockExtension.builder()} directly needs the same property.
     */
    public static S3MockExtension mock(String... initialBuckets) {
        System.setProperty(SPRING_LOGGING_SYSTEM, "org.springframework.boot.logging.java.JavaLoggingSystem");
        return S3MockExtension.builder()
                .silent()
                .withSecureConnection(false)
                .withInitialBuckets(initialBuckets)
                .build();
    }

    /** A client for S3Mock: url-connection HTTP client, path-style, static credentials, us-east-1. */
    public static S3Client client(S3MockExtension s3Mock) {
        return client(URI.create(s3Mock.getServiceEndpoint()));
    }

    /** A client for an S3-compatible endpoint: url-connection HTTP client, path-style, static creds, us-east-1. */
    public static S3Client client(URI endpoint) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .build();
    }

    /** Puts {@code bytes} as they are. */
    public static void put(S3Client s3, String bucket, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    /** Puts the classpath resource {@code resource} (e.g. "/fixtures/trail.json.gz") byte for byte. */
    public static void putResource(S3Client s3, String bucket, String key, String resource) {
        put(s3, bucket, key, resource(resource));
    }

    /** Gzips the classpath resource {@code resource} and puts the gzip, as CloudTrail delivers its log files. */
    public static void putResourceGzipped(S3Client s3, String bucket, String key, String resource) {
        put(s3, bucket, key, Gzip.gzip(resource(resource)));
    }

    /** Puts the file at {@code file} byte for byte. */
    public static void putFile(S3Client s3, String bucket, String key, Path file) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    }

    /** The stored bytes of an object. */
    public static byte[] get(S3Client s3, String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    /** The bytes of a classpath resource, resolved against this class (use a leading "/" for absolute names). */
    public static byte[] resource(String resource) {
        try (InputStream in = S3Objects.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
