package dev.trailwatch.lambda;

import static dev.trailwatch.lambda.TrailFixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.core.event.WatchTargets;
import dev.trailwatch.core.store.ItemAttributes;
import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.Gzip;
import dev.trailwatch.testing.MotoServer;
import dev.trailwatch.testing.PublishedMessage;
import dev.trailwatch.testing.S3Objects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watch list through the handler on the emulators: one log file with a record of every watched kind of call,
 * the calls it passes by and a canary read (fixtures in {@code watchlist/}, expectations in its CSV).
 */
class WatchListEndToEndTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3Objects.mock(BUCKET);

    @RegisterExtension
    static final MotoServer SNS = MotoServer.shared();

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static final Path FIXTURES = Path.of("src", "test", "resources", "watchlist");
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/30/"
            + "111122223333_CloudTrail_us-east-1_20261130T1005Z_watchlist.json.gz";
    private static final String CONFIG_KEY = "AWSLogs/111122223333/Config/us-east-1/2026/11/30/ConfigSnapshot/"
            + "111122223333_Config_us-east-1_ConfigSnapshot_20261130T100512Z_snapshot.json.gz";

    private static final String TRAIL_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String SIGNED_KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/30/"
            + "111122223333_CloudTrail_us-east-1_20261130T1010Z_bytrail.json.gz";
    private static final String FORGED_KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/30/"
            + "111122223333_CloudTrail_us-east-1_20261130T1015Z_forged.json.gz";

    private final Stack stack = new Stack(S3_MOCK, SNS);

    {
        stack.s3Hooks.encryptedWithKms(SIGNED_KEY, TRAIL_KEY);
    }

    private record Expected(String eventId, String eventSource, String eventName, String severity, String firstLine) {
        boolean alerts() {
            return severity.equals("HIGH") || severity.equals("MEDIUM");
        }
    }

    @BeforeAll
    static void uploadTheFile() throws IOException {
        try (Stack uploader = new Stack(S3_MOCK, SNS)) {
            uploader.put(BUCKET, KEY, Gzip.gzip(Files.readAllBytes(FIXTURES.resolve("watch-list.json"))));
            // AWS Config shares Control Tower's log bucket: its files end in .json.gz too.
            uploader.put(BUCKET, CONFIG_KEY, Gzip.gzip("{\"fileVersion\":\"1.0\",\"configurationItems\":[]}"));
            byte[] deleteAnalyzer = TrailFixtures.dumpFile(TrailFixtures.D3);
            // S3Mock refuses SSE-KMS with a key it does not manage; S3Hooks answers for it as S3 would.
            uploader.put(BUCKET, SIGNED_KEY, deleteAnalyzer);
            // What a person with s3:PutObject could write: a real-looking log file, without the trail's key.
            uploader.put(BUCKET, FORGED_KEY, deleteAnalyzer);
        }
    }

    @AfterEach
    void closeClients() {
        stack.close();
    }

    private static WatchTargets targets() {
        try {
            JsonNode json = new ObjectMapper().readTree(FIXTURES.resolve("targets.json").toFile());
            Set<String> trails = new HashSet<>();
            json.path("trails").forEach(t -> trails.add(t.asText()));
            Set<String> own = new HashSet<>();
            json.path("ownResources").forEach(t -> own.add(t.asText()));
            return new WatchTargets(trails, own, Optional.of(json.path("canaryPrincipal").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Expected> expected() {
        try {
            return Files.readAllLines(FIXTURES.resolve("expected-alerts.csv")).stream().skip(1)
                    .map(line -> line.split(",", -1))
                    .map(f -> new Expected(f[0], f[1], f[2], f[3], f[4]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SQSBatchResponse handle(String... keys) {
        TrailWatchHandler handler = stack.handler(stack.watching(targets(), Optional.empty()));
        return handler.handleRequest(Messages.event(Messages.created(BUCKET, keys)), FakeLambdaContext.plenty());
    }

    @Test
    void everyWatchedCallAlertsOnceAtItsSeverityAndItsFirstLineSaysWhatWasTouched() {
        assertThat(handle(KEY).getBatchItemFailures()).isEmpty();

        List<PublishedMessage> alerts = SNS.publishedTo(stack.topicArn);
        List<Expected> alerting = expected().stream().filter(Expected::alerts).toList();
        assertThat(alerts).hasSize(alerting.size());
        for (Expected e : alerting) {
            List<PublishedMessage> mine = alerts.stream()
                    .filter(a -> a.message().contains("Event ID:  " + e.eventId()))
                    .toList();
            assertThat(mine).as("alerts of %s %s", e.eventName(), e.eventId()).hasSize(1);
            PublishedMessage alert = mine.get(0);
            assertThat(alert.message().lines().findFirst()).as(e.eventName()).contains(e.firstLine());
            assertThat(alert.messageAttributes().get("severity").stringValue()).isEqualTo(e.severity());
            assertThat(alert.subject()).as(e.eventName()).startsWith("[" + e.severity() + "] ")
                    .contains(e.eventName());
        }
    }

    @Test
    void watchedCallsAreStoredLikeAnyEventAndTheOnesPassedByAreNot() {
        handle(KEY);

        Set<String> stored = stack.storedEventIds();
        for (Expected e : expected()) {
            assertThat(stored.contains(e.eventId())).as("%s %s stored", e.eventSource(), e.eventName())
                    .isEqualTo(e.alerts());
        }
        assertThat(stack.items()).filteredOn(i -> i.containsKey(ItemAttributes.WATCHED))
                .hasSize((int) expected().stream().filter(Expected::alerts).count())
                .allSatisfy(i -> assertThat(i.get(ItemAttributes.WATCHED).s()).isNotBlank());
    }

    @Test
    void theCanarysReadIsNeitherStoredNorAlertedAndItsLagIsPublished() {
        handle(KEY);

        Expected canary = expected().stream().filter(e -> e.severity().equals("CANARY")).findFirst().orElseThrow();
        assertThat(stack.storedEventIds()).doesNotContain(canary.eventId());
        assertThat(SNS.publishedTo(stack.topicArn)).noneMatch(a -> a.message().contains(canary.eventId()));
        JsonNode metrics = output.metricDocuments().get(0);
        assertThat(metrics.path("CanaryLagSeconds").isNumber() || metrics.path("CanaryLagSeconds").isArray())
                .as("lag in %s", metrics).isTrue();
        // The canary record's time is 2026-11-30T10:00:41Z; the file is read now, later than that.
        assertThat(metrics.path("CanaryLagSeconds").asDouble()).isPositive();
    }

    @Test
    void aLogObjectNotEncryptedWithTheTrailsKeyIsRefusedUnreadCountedAndAlertsNothing() {
        TrailWatchHandler handler = stack.handler(stack.watching(targets(), Optional.of(TRAIL_KEY)));

        SQSBatchResponse response = handler.handleRequest(Messages.event(Messages.created(BUCKET, FORGED_KEY)),
                FakeLambdaContext.plenty());

        assertThat(response.getBatchItemFailures()).as("acknowledged: a retry cannot make it the trail's").isEmpty();
        assertThat(SNS.publishedTo(stack.topicArn)).isEmpty();
        assertThat(stack.items()).isEmpty();
        JsonNode metrics = output.metricDocuments().get(0);
        assertThat(metrics.path("FilesRefused").asDouble()).isEqualTo(1);
        assertThat(metrics.path("FilesProcessed").asDouble()).isZero();
        assertThat(output.logLines("file refused")).singleElement()
                .satisfies(line -> assertThat(line.path("reason").asText())
                        .startsWith("refused: not encrypted with the trail's KMS key"));
    }

    @Test
    void aLogObjectEncryptedWithTheTrailsKeyIsReadAsAlways() {
        TrailWatchHandler handler = stack.handler(stack.watching(targets(), Optional.of(TRAIL_KEY)));

        handler.handleRequest(Messages.event(Messages.created(BUCKET, SIGNED_KEY)), FakeLambdaContext.plenty());

        JsonNode metrics = output.metricDocuments().get(0);
        assertThat(metrics.path("FilesRefused").asDouble()).isZero();
        assertThat(metrics.path("FilesProcessed").asDouble()).isEqualTo(1);
        assertThat(SNS.publishedTo(stack.topicArn)).isNotEmpty();
    }

    @Test
    void aConfigFileInASharedBucketIsSkippedByNameBeforeAByteIsFetched() {
        assertThat(handle(CONFIG_KEY).getBatchItemFailures()).isEmpty();

        assertThat(stack.s3Hooks.gets()).isZero();
        JsonNode metrics = output.metricDocuments().get(0);
        assertThat(metrics.path("FilesSkipped").asDouble()).isEqualTo(1);
        assertThat(metrics.path("FilesFailed").asDouble()).isZero();
    }
}
