package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.ProcessorSettings;
import dev.trailwatch.core.Records;
import dev.trailwatch.testing.BrokenJson;
import dev.trailwatch.testing.FailingAfter;
import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast reader hands over exactly what the naive one (every record bound to a tree) does: the same counts, the
 * same records in the same order, the same failure. Buffers are made tiny so that records, strings, escapes and
 * UTF-8 sequences are split at every possible place.
 */
class FastReaderEquivalenceTest {

    private static final long CAP = 1L << 32;
    private static final Set<String> SOURCES = Set.of(Records.ACCESS_ANALYZER);

    /** What a read gave: the counts or the failure, and the records handed over before. */
    record Outcome(LogFileReader.Counts counts, String failure, List<JsonNode> kept) {
    }

    private static Outcome naive(byte[] file) {
        return naive(file, SOURCES);
    }

    private static Outcome naive(byte[] file, Set<String> sources) {
        List<JsonNode> kept = new ArrayList<>();
        NaiveLogFileReader reader = new NaiveLogFileReader(JsonSupport.trailMapper(CAP), sources, CAP);
        try {
            return new Outcome(reader.read(new ByteArrayInputStream(file), kept::add), null, kept);
        } catch (LogFileException | SourceReadException e) {
            return new Outcome(null, e.getMessage(), kept);
        }
    }

    /** What the function reads: Access Analyzer, and the watch list's names of its services. */
    private static final RecordSelection WATCHING = LogFileProcessor.selection(ProcessorSettings.defaults("t"));

    private static Outcome naive(byte[] file, RecordSelection selection) {
        List<JsonNode> kept = new ArrayList<>();
        NaiveLogFileReader reader = new NaiveLogFileReader(JsonSupport.trailMapper(CAP), selection, CAP);
        try {
            return new Outcome(reader.read(new ByteArrayInputStream(file), kept::add), null, kept);
        } catch (LogFileException | SourceReadException e) {
            return new Outcome(null, e.getMessage(), kept);
        }
    }

    private static Outcome fast(byte[] file, LogFileReader.Tuning tuning, RecordSelection selection) {
        List<JsonNode> kept = new ArrayList<>();
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(CAP), selection, CAP, tuning);
        try {
            return new Outcome(reader.read(new ByteArrayInputStream(file), kept::add), null, kept);
        } catch (LogFileException | SourceReadException e) {
            return new Outcome(null, e.getMessage(), kept);
        }
    }

    private static Outcome fast(byte[] file, LogFileReader.Tuning tuning) {
        return fast(file, tuning, SOURCES);
    }

    /** The reader over a gzip file decoded whole beforehand and scanned in place (the local runner's way). */
    private static Outcome inPlace(byte[] gzip, RecordSelection selection) {
        List<JsonNode> kept = new ArrayList<>();
        WholeFileDecoding whole = WholeFileDecoding.inPlace();
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(CAP), selection, CAP,
                LogFileReader.Tuning.defaults(), whole);
        Outcome outcome;
        try {
            outcome = new Outcome(reader.read(new ByteArrayInputStream(gzip), kept::add), null, kept);
        } catch (LogFileException | SourceReadException e) {
            outcome = new Outcome(null, e.getMessage(), kept);
        }
        assertThat(whole.closed).as("every decoded file handed back").hasValue(whole.decodedWhole.get());
        return outcome;
    }

    private static Outcome inPlace(byte[] gzip) {
        return inPlace(gzip, RecordSelection.of(SOURCES));
    }

    private static Outcome fast(byte[] file, LogFileReader.Tuning tuning, Set<String> sources) {
        List<JsonNode> kept = new ArrayList<>();
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(CAP), sources, CAP, tuning);
        try {
            return new Outcome(reader.read(new ByteArrayInputStream(file), kept::add), null, kept);
        } catch (LogFileException | SourceReadException e) {
            return new Outcome(null, e.getMessage(), kept);
        }
    }

    static Stream<LogFileReader.Tuning> tunings() {
        return Stream.of(
                LogFileReader.Tuning.defaults(),
                new LogFileReader.Tuning(1, 3, -1, 16, 64),          // one byte at a time, records never held
                new LogFileReader.Tuning(7, 2, 0, 100, 4096),        // odd sizes, threaded from the start
                new LogFileReader.Tuning(64, 4, 1, 256, 1 << 20),    // threaded after one chunk
                new LogFileReader.Tuning(4096, 2, -1, 4096, 8192));  // huge records larger than the window
    }

    static Stream<Arguments> files() {
        List<Arguments> files = new ArrayList<>();
        files.add(Arguments.of("no Access Analyzer call", TrailFileGenerator.builder().seed(1).targetBytes(150_000)
                .accessAnalyzerFraction(0).build()));
        files.add(Arguments.of("typical", TrailFileGenerator.builder().seed(2).targetBytes(150_000)
                .accessAnalyzerFraction(0.01).build()));
        files.add(Arguments.of("all Access Analyzer", TrailFileGenerator.builder().seed(3).targetBytes(100_000)
                .accessAnalyzerFraction(1).build()));
        files.add(Arguments.of("pretty-printed", TrailFileGenerator.builder().seed(4).targetBytes(150_000)
                .accessAnalyzerFraction(0.05).pretty(true).build()));
        files.add(Arguments.of("odd values everywhere", TrailFileGenerator.builder().seed(5).targetBytes(150_000)
                .accessAnalyzerFraction(0.05).oddFraction(0.5).build()));
        files.add(Arguments.of("non-object entries, Insights, service-linked role",
                TrailFileGenerator.builder().seed(6).targetBytes(150_000).accessAnalyzerFraction(0.05)
                        .nonObjectFraction(0.05).insightFraction(0.05).serviceLinkedRoleFraction(0.2).build()));
        files.add(Arguments.of("huge records", TrailFileGenerator.builder().seed(7).targetBytes(600_000)
                .accessAnalyzerFraction(0.1).hugeRecords(0.03, 20_000).build()));
        files.add(Arguments.of("pretty, odd, huge", TrailFileGenerator.builder().seed(8).targetBytes(300_000)
                .accessAnalyzerFraction(0.1).pretty(true).oddFraction(0.3).hugeRecords(0.03, 12_000).build()));
        return files.stream();
    }

    static Stream<Arguments> filesAndTunings() {
        return files().flatMap(f -> tunings().map(t -> Arguments.of(f.get()[0], f.get()[1], t)));
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("filesAndTunings")
    void generatedFilesGiveTheSameRecordsGzippedOrNot(String kind, TrailFileGenerator generator,
                                                      LogFileReader.Tuning tuning) {
        byte[] json = generator.jsonBytes();
        TrailFileGenerator.Stats stats = generator.stats();
        byte[] gzip = Records.gzip(json);

        Outcome expected = naive(gzip);
        assertThat(expected.failure()).isNull();
        assertThat(expected.counts().records()).isEqualTo(stats.records());
        assertThat(expected.counts().nonObjectEntries()).isEqualTo(stats.nonObjectEntries());
        assertThat(expected.kept()).hasSize((int) stats.accessAnalyzerRecords());

        assertSame(fast(gzip, tuning), expected);
        assertSame(fast(json, tuning), naive(json));
        assertSame(inPlace(gzip), expected);
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("filesAndTunings")
    void generatedFilesGiveTheSameRecordsWithTheWatchListsSelection(String kind, TrailFileGenerator generator,
                                                                    LogFileReader.Tuning tuning) {
        byte[] gzip = Records.gzip(generator.jsonBytes());

        Outcome expected = naive(gzip, WATCHING);
        assertThat(expected.failure()).isNull();
        assertThat(expected.kept()).hasSizeGreaterThanOrEqualTo((int) generator.stats().accessAnalyzerRecords());
        assertSame(fast(gzip, tuning, WATCHING), expected);
        assertSame(inPlace(gzip, WATCHING), expected);
    }

    @Test
    void aWatchedNameIsKeptOnlyTogetherWithItsServiceWhereverEachStandsInTheRecord() {
        String file = """
                {"Records":[
                {"eventSource":"kms.amazonaws.com","eventName":"Decrypt","eventID":"1"},
                {"eventName":"DisableKey","eventID":"2","eventSource":"kms.amazonaws.com"},
                {"eventSource":"kms.amazonaws.com","eventID":"3","eventName":"DisableKey"},
                {"eventSource":"ec2.amazonaws.com","eventName":"DisableKey","eventID":"4"},
                {"eventSource":"lambda.amazonaws.com","eventName":"UpdateFunctionConfiguration20150331v2","eventID":"5"},
                {"eventSource":"sqs.amazonaws.com","eventName":"Purge\u0051ueue","eventID":"6"},
                {"eventSource":"sqs.amazonaws.com","event\u004eame":"PurgeQueue","eventID":"7"},
                {"eventSource":"sqs.amazonaws.com","eventName":7,"eventID":"8"},
                {"eventSource":"sqs.amazonaws.com","eventID":"9","requestParameters":{"eventName":"PurgeQueue"}},
                {"eventSource":"sqs.amazonaws.com","eventName":"GetQueueAttributes","eventID":"10"},
                {"eventSource":"access-analyzer.amazonaws.com","eventName":"ListAnalyzers","eventID":"11"},
                {"eventSource":"states.amazonaws.com","eventName":"DeleteTable","eventID":"12"},
                {"eventName":"DeleteTable","eventID":"13","eventSource":"states.amazonaws.com"},
                {"eventName":"DeleteStateMachine","eventID":"14","eventSource":"states.amazonaws.com"}
                ]}""";
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);

        Outcome expected = naive(bytes, WATCHING);
        assertThat(expected.kept()).extracting(r -> r.get("eventID").asText())
                .containsExactly("2", "3", "5", "6", "7", "11", "14");
        for (LogFileReader.Tuning tuning : tunings().toList()) {
            assertSame(fast(bytes, tuning, WATCHING), expected);
            assertSame(fast(Records.gzip(bytes), tuning, WATCHING), naive(Records.gzip(bytes), WATCHING));
        }
    }

    @Test
    void theGeneratorMakesWhatItSays() throws IOException {
        TrailFileGenerator generator = TrailFileGenerator.builder().seed(9).targetBytes(2_000_000)
                .accessAnalyzerFraction(0.01).hugeRecords(0.005, 100_000).nonObjectFraction(0.001).build();
        byte[] json = generator.jsonBytes();

        assertThat((long) json.length).isEqualTo(generator.stats().bytes()).isBetween(2_000_000L, 2_400_000L);
        assertThat(generator.stats().accessAnalyzerRecords()).isPositive();
        assertThat(generator.stats().serviceLinkedRoleRecords()).isPositive();
        assertThat(generator.stats().hugeRecords()).isPositive();
        assertThat(Arrays.equals(json, generator.jsonBytes())).as("deterministic").isTrue();
        byte[] gzip = readAll(generator.openGzip(1));
        assertThat(readAll(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzip), 4096))).isEqualTo(json);
    }

    @Test
    void theNeedleOnlyInInvokedByUserAgentOrSourceIpIsNotACall() {
        String file = Records.logFile(Records.json("""
                {"eventSource":"s3.amazonaws.com","eventName":"GetBucketPolicy","eventID":"s2",
                 "sourceIPAddress":"access-analyzer.amazonaws.com","userAgent":"access-analyzer.amazonaws.com",
                 "userIdentity":{"type":"AssumedRole","invokedBy":"access-analyzer.amazonaws.com",
                 "eventSource":"access-analyzer.amazonaws.com"},
                 "requestParameters":{"eventSource":"access-analyzer.amazonaws.com"}}"""),
                Records.accessAnalyzerCall("DeleteAnalyzer", false));

        assertAllSame(file.getBytes(StandardCharsets.UTF_8), 1);
    }

    @Test
    void escapesQuotesAndBracesInStringsAndInTheEventSourceItself() {
        String file = "{\"Records\":["
                + "{\"eventSource\":\"s3.amazonaws.com\",\"k\":\"a \\\"quoted\\\" {brace} [x] \\\\\",\"eventName\":\"A\"},"
                + "{\"eventSource\":\"access\\u002danalyzer.amazonaws.com\",\"eventName\":\"Escaped\",\"eventID\":\"1\"},"
                + "{\"event\\u0053ource\":\"access-analyzer.amazonaws.com\",\"eventName\":\"EscapedKey\"},"
                + "{\"eventSource\":\"access-analyzer.amazonaws.com\\/\",\"eventName\":\"Slash\"},"
                + "{\"x\":\"}\\\"{\",\"eventSource\" : \"access-analyzer.amazonaws.com\" ,\"eventName\":\"Spaces\"},"
                + "{\"eventSource\":\"access-analyzer.amazonaws.co\",\"eventName\":\"Shorter\"},"
                + "{\"eventSource\":[\"access-analyzer.amazonaws.com\"],\"eventName\":\"Array\"},"
                + "{\"eventSource\":\"\\ud83d\\ude80\",\"eventName\":\"Surrogates\"},"
                + "{\"eventSource\":\"r\u00e9sum\u00e9\",\"eventName\":\"Utf8\"}"
                + "]}";

        Outcome expected = naive(file.getBytes(StandardCharsets.UTF_8));
        assertThat(expected.kept()).extracting(r -> r.get("eventName").asText())
                .containsExactly("Escaped", "EscapedKey", "Spaces");
        assertAllSame(file.getBytes(StandardCharsets.UTF_8), 3);
    }

    @Test
    void aStringCutAtAnyChunkBoundaryIsJudgedAsTheWholeFileIs() {
        byte[] file = RecordFilterTest.fixture("string-edges.json");
        Outcome expected = naive(file);
        // The last record's key holds a lone surrogate escape: Jackson fails there, after the three kept records.
        assertThat(expected.kept()).extracting(r -> r.get("eventID").asText()).containsExactly("e1", "e2", "e3");
        assertThat(expected.failure()).startsWith("invalid JSON at byte").containsIgnoringCase("surrogate");

        for (int size = 1; size <= file.length; size++) {
            assertSame(fast(file, new LogFileReader.Tuning(size, 3, -1, 16, 1 << 20)), expected);
        }
    }

    @Test
    void otherEventSourcesAndSeveralAtOnce() {
        byte[] file = TrailFileGenerator.builder().seed(10).targetBytes(200_000).accessAnalyzerFraction(0.02)
                .build().jsonBytes();
        for (Set<String> sources : List.of(Set.of("kms.amazonaws.com"), Set.of("s3.amazonaws.com", Records.ACCESS_ANALYZER),
                Set.of("nothing.example"), Set.of("123"), Set.of("true"))) {
            Outcome expected = naive(file, sources);
            for (LogFileReader.Tuning tuning : tunings().toList()) {
                assertSame(fast(file, tuning, sources), expected);
            }
        }
    }

    @Test
    void oddButValidJsonIsJudgedByJackson() {
        String deep = "[".repeat(100) + "]".repeat(100);
        String[] files = {
            "\ufeff{\"Records\":[{\"a\":1}]}",
            "  {\"other\":[1,{\"Records\":[{}]}],\"Records\":[{\"n\":-0.5e-3,\"m\":1E+2},{\"d\":" + deep + "}]} \n ",
            "{\"Records\":[{\"big\":" + "9".repeat(60) + "},{\"s\":\"\\ud800\"}]}",
            "{\"Rec\\u006frds\":[{\"eventSource\":\"access-analyzer.amazonaws.com\"}]}",
            "{\"Records\":[{\"o\":\"\u00c0\u0080\"},{\"eventSource\":\"access-analyzer.amazonaws.com\"}]}",
            "{\"Records\":[],\"Records\":[]}",
            "{\"Records\":[{}],\"tail\":{\"x\":[true,false,null]}}",
        };
        for (String f : files) {
            assertAllSame(f.getBytes(StandardCharsets.UTF_8), -1);
        }
        byte[] overlong = "{\"Records\":[{\"a\":\"..\"},{\"eventSource\":\"access-analyzer.amazonaws.com\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        overlong[18] = (byte) 0xc0;
        overlong[19] = (byte) 0x80;
        assertAllSame(overlong, -1);
    }

    @Test
    void brokenFilesFailTheSameWayWithTheSamePosition() {
        String good = Records.logFile(Records.json("{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"A\"}"),
                Records.accessAnalyzerCall("DeleteAnalyzer", false),
                Records.json("{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"B\"}"),
                Records.accessAnalyzerCall("CreateArchiveRule", false));
        for (String f : BrokenJson.of(good, 13)) {
            assertAllSame(f.getBytes(StandardCharsets.UTF_8), -1);
        }
    }

    /**
     * Random damage to a generated file ({@link BrokenJson#damaged}): a changed, dropped or added byte, a cut. The fast reader fails exactly
     * when the naive one does, with the same message (the same byte position), and hands over the same records.
     * The one allowed difference: duplicate keys in a record that cannot be kept are not looked for.
     */
    @Test
    void randomlyDamagedFilesGiveTheSameOutcome() {
        byte[] good = TrailFileGenerator.builder().seed(11).targetBytes(20_000).accessAnalyzerFraction(0.1)
                .oddFraction(0.3).nonObjectFraction(0.02).build().jsonBytes();
        SplittableRandom random = new SplittableRandom(42);
        int duplicatesOnlyNaiveSaw = 0;
        for (int n = 0; n < 400; n++) {
            byte[] bad = BrokenJson.damaged(good, random);
            Outcome expected = naive(bad);
            LogFileReader.Tuning tuning = tunings().toList().get(n % 5);
            Outcome actual = fast(bad, tuning);
            if (expected.failure() != null && expected.failure().contains("Duplicate field") && actual.failure() == null) {
                duplicatesOnlyNaiveSaw++;
                continue;
            }
            assertSame(actual, expected);
            if (n % 4 == 0) {
                byte[] gzip = Records.gzip(bad);
                Outcome expectedGzip = naive(gzip);
                if (expectedGzip.failure() == null || !expectedGzip.failure().contains("Duplicate field")) {
                    assertSame(inPlace(gzip), expectedGzip);
                }
            }
        }
        assertThat(duplicatesOnlyNaiveSaw).isLessThan(20);
    }

    @Test
    void aSourceThatFailsMidwayIsASourceFaultAfterTheRecordsBeforeIt() {
        byte[] gzip = TrailFileGenerator.builder().seed(12).targetBytes(3_000_000).accessAnalyzerFraction(0.01)
                .build().gzipBytes();
        for (LogFileReader.Tuning tuning : List.of(LogFileReader.Tuning.defaults(),
                new LogFileReader.Tuning(4096, 3, 0, 8192, 1 << 20), new LogFileReader.Tuning(4096, 3, -1, 8192, 1 << 20))) {
            List<JsonNode> kept = new ArrayList<>();
            LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(CAP), SOURCES, CAP, tuning);
            InputStream failing = FailingAfter.download(gzip, gzip.length / 2);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(failing, kept::add))
                    .isInstanceOf(SourceReadException.class).hasMessageContaining("connection reset");

            List<JsonNode> naiveKept = new ArrayList<>();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NaiveLogFileReader(JsonSupport.trailMapper(CAP),
                    SOURCES, CAP).read(FailingAfter.download(gzip, gzip.length / 2), naiveKept::add))
                    .isInstanceOf(SourceReadException.class);
            assertThat(kept).isNotEmpty().isEqualTo(naiveKept);
        }
    }

    private void assertAllSame(byte[] file, int expectedKept) {
        Outcome expected = naive(file);
        if (expectedKept >= 0) {
            assertThat(expected.kept()).hasSize(expectedKept);
        }
        byte[] gzip = Records.gzip(file);
        Outcome expectedGzip = naive(gzip);
        for (LogFileReader.Tuning tuning : tunings().toList()) {
            assertSame(fast(file, tuning), expected);
            assertSame(fast(gzip, tuning), expectedGzip);
        }
        assertSame(inPlace(gzip), expectedGzip);
    }

    private static void assertSame(Outcome actual, Outcome expected) {
        assertThat(actual.failure()).isEqualTo(expected.failure());
        assertThat(actual.counts()).isEqualTo(expected.counts());
        assertThat(actual.kept()).isEqualTo(expected.kept());
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
