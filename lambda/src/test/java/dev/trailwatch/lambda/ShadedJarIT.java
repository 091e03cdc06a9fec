package dev.trailwatch.lambda;

import static dev.trailwatch.lambda.TrailFixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.core.store.TableDefinition;
import dev.trailwatch.testing.DynamoDbLocalServer;
import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.S3Objects;
import dev.trailwatch.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The deployable jar itself (runs after {@code package}): what is in it, and both handlers run from it in a JVM
 * of their own, configured only through environment variables as Lambda configures them, against the emulators
 * (S3Mock, DynamoDB Local, moto). This is what proves the minimized jar lacks nothing the function needs.
 */
class ShadedJarIT {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3Objects.mock(BUCKET);

    @RegisterExtension
    static final MotoServer SNS = MotoServer.shared();

    private static final Path JAR = Path.of(System.getProperty("lambda.jar", "target/lambda.jar")).toAbsolutePath();
    private static final Path WORK = Path.of("target", "shaded-jar-it").toAbsolutePath();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The SDK's global interceptors file of the test resources: names GlobalFaultInjector. */
    private static final String GLOBAL_INTERCEPTORS = "software/amazon/awssdk/global/handlers/execution.interceptors";

    private static Path runnerClasses;
    /** Where the shared Lambda context fake was loaded from: a folder or the test-support jar. */
    private static final String FAKE_CONTEXT = codeSource(FakeLambdaContext.class);

    @BeforeAll
    static void prepare() throws IOException {
        try (Stack uploader = new Stack(S3_MOCK, SNS)) {
            for (String key : List.of(TrailFixtures.D1, TrailFixtures.D2, TrailFixtures.D5, TrailFixtures.D8)) {
                uploader.putDumpFile(key, key);
            }
        }
        // The runner's classes alone, so that nothing of the test class path leaks into the child JVM.
        runnerClasses = WORK.resolve("runner");
        Path packageDir = runnerClasses.resolve("dev/trailwatch/lambda");
        Files.createDirectories(packageDir);
        Path compiled = Path.of(JarRunner.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolve("dev/trailwatch/lambda");
        try (Stream<Path> files = Files.list(compiled)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("JarRunner")).toList()) {
                Files.copy(file, packageDir.resolve(file.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // So that the SDK adds GlobalFaultInjector to the clients the jar builds, as it does in this JVM.
        Path interceptors = runnerClasses.resolve(GLOBAL_INTERCEPTORS);
        Files.createDirectories(interceptors.getParent());
        try (var in = ShadedJarIT.class.getClassLoader().getResourceAsStream(GLOBAL_INTERCEPTORS)) {
            Files.copy(in, interceptors, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code publish}: the jar's Publish attempts, injected failures and successes (see {@link JarRunner}). */
    private record Run(int exitCode, List<String> stdout, String stderr, JsonNode answer, List<Integer> publish) {
    }

    /** The function's environment as Lambda would set it, pointed at the emulators the SDK's own way. */
    private static Map<String, String> lambdaEnvironment(String table, String topicArn) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_SESSION_TOKEN", "test");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "trailwatch-it");
        env.put("AWS_ENDPOINT_URL_S3", S3_MOCK.getServiceEndpoint());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", DynamoDbLocalServer.shared().endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", SNS.endpoint().toString());
        env.put("TABLE_NAME", table);
        env.put("ALERT_TOPIC_ARN", topicArn);
        return env;
    }

    private static Run run(String payloadFile, Map<String, String> env, String... runnerArguments) throws Exception {
        Path answer = WORK.resolve(UUID.randomUUID() + ".json");
        Path home = Files.createDirectories(WORK.resolve("home"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Lambda's JVM flags: C1 only, serial GC.
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // No ~/.aws of this machine: only the environment configures the SDK.
                "-Duser.home=" + home,
                "-Djava.io.tmpdir=" + WORK,
                "-cp", JAR + java.io.File.pathSeparator + runnerClasses + java.io.File.pathSeparator + FAKE_CONTEXT,
                "dev.trailwatch.lambda.JarRunner",
                TrailFixtures.lambdaPayload(payloadFile).toString(), answer.toString());
        builder.command().addAll(List.of(runnerArguments));
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = WORK.resolve(UUID.randomUUID() + ".out");
        Path err = WORK.resolve(UUID.randomUUID() + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the function did not finish within 90 s");
        }
        Path publish = Path.of(answer + ".publish");
        return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                Files.exists(answer) ? MAPPER.readTree(answer.toFile()) : null,
                Files.exists(publish) ? Stream.of(Files.readString(publish).split(" ")).map(Integer::valueOf).toList()
                        : null);
    }

    private static Set<String> entries() throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(names::add);
        }
        return names;
    }

    @Test
    void theJarHoldsTheUrlConnectionClientAndNoApacheNettyOrTestCode() throws IOException {
        Set<String> entries = entries();

        assertThat(entries).contains(
                "dev/trailwatch/lambda/TrailWatchHandler.class",
                "dev/trailwatch/core/LogFileProcessor.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                "software/amazon/cloudwatchlogs/emf/logger/MetricsLogger.class");
        assertThat(entries).noneMatch(e -> e.startsWith("software/amazon/awssdk/http/apache/")
                || e.startsWith("software/amazon/awssdk/http/apache5/")
                || e.startsWith("software/amazon/awssdk/http/nio/netty/")
                || e.startsWith("io/netty/")
                || e.startsWith("org/apache/http/")
                || e.startsWith("org/apache/hc/"));
        assertThat(entries).noneMatch(e -> e.startsWith("org/junit/") || e.startsWith("org/assertj/")
                || e.startsWith("dev/trailwatch/testing/") || e.startsWith("com/adobe/")
                || e.startsWith("com/amazonaws/services/dynamodbv2/") || e.startsWith("org/slf4j/simple/")
                || e.contains("JarRunner") || e.endsWith("Test.class"));
        // No provider registered by service file: the handlers name theirs, so the plain jar imposes nothing.
        assertThat(entries).doesNotContain("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
    }

    @Test
    void noEntryCarriesTheTimeOfTheBuildSoTheJarIsReproducible() throws IOException {
        Instant built = Files.getLastModifiedTime(JAR).toInstant();
        List<ZipEntry> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            zip.stream().forEach(entries::add);
        }

        // Entries the build writes carry project.build.outputTimestamp (2026-01-01T00:00:00Z; zip times are local
        // and to two seconds); entries copied from dependencies keep the times fixed in those jars.
        assertThat(entries).filteredOn(e -> e.getName().startsWith("dev/trailwatch/")
                        || e.getName().equals("META-INF/MANIFEST.MF"))
                .hasSizeGreaterThan(30)
                .allSatisfy(e -> assertThat(e.getLastModifiedTime().toInstant())
                        .isBetween(Instant.parse("2025-12-31T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(entries).noneMatch(e -> e.getLastModifiedTime().toInstant()
                .isAfter(built.minus(java.time.Duration.ofHours(1))));
    }

    @Test
    void theQueueHandlerRunsFromTheJarConfiguredByItsEnvironment() throws Exception {
        String table = "it-" + UUID.randomUUID();
        DynamoDbClient dynamo = DynamoDbLocalServer.shared().client();
        TableDefinition.createIfMissing(dynamo, table);
        String topicArn = SNS.createTopic("trailwatch-it");

        // The jar's own clients must retry two 500s (standard mode: three attempts) on the first of two alerts.
        Run run = run("sqs-s3-notification.json", lambdaEnvironment(table, topicArn), "2");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.answer().toString()).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(dynamo.scan(b -> b.tableName(table)).items()).hasSize(2);
        assertThat(SNS.publishedTo(topicArn)).hasSize(2);
        assertThat(run.publish()).as("Publish attempts, injected failures, successes").containsExactly(4, 2, 2);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.stdout()) {
            lines.add(MAPPER.readTree(line));
        }
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("message").asText()).isEqualTo("file processed");
            assertThat(l.path("key").asText()).isEqualTo(TrailFixtures.D2);
            assertThat(l.path("alerts").asInt()).isEqualTo(2);
        });
        assertThat(lines).filteredOn(l -> l.has("_aws")).singleElement().satisfies(m -> {
            assertThat(m.path("FunctionName").asText()).isEqualTo("trailwatch-it");
            assertThat(m.path("FilesProcessed").asInt()).isEqualTo(1);
        });
        assertThat(run.stderr()).doesNotContain("SLF4J");
    }

    @Test
    void aBackfillRunsFromTheJarThroughTheSameEntry() throws Exception {
        String table = "it-" + UUID.randomUUID();
        DynamoDbClient dynamo = DynamoDbLocalServer.shared().client();
        TableDefinition.createIfMissing(dynamo, table);
        String topicArn = SNS.createTopic("trailwatch-it-direct");

        Run run = run("backfill.json", lambdaEnvironment(table, topicArn));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.answer().path("processed").asInt()).isEqualTo(3);
        assertThat(run.answer().path("stored").asInt()).isEqualTo(6);
        assertThat(dynamo.scan(b -> b.tableName(table)).items()).hasSize(6);
        assertThat(SNS.publishedTo(topicArn)).hasSize(3);
    }

    @Test
    void aMissingVariableStopsTheStartWithItsName() throws Exception {
        Map<String, String> env = lambdaEnvironment("unused", "arn:aws:sns:us-east-1:123456789012:unused");
        env.remove("TABLE_NAME");

        Run run = run("sqs-s3-notification.json", env);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("ConfigurationException: TABLE_NAME is not set");
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
