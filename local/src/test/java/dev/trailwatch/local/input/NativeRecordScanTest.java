package dev.trailwatch.local.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.ProcessorSettings;
import dev.trailwatch.core.read.InPlaceScanLoop;
import dev.trailwatch.core.read.JsonSupport;
import dev.trailwatch.core.read.LogFileException;
import dev.trailwatch.core.read.LogFileReader;
import dev.trailwatch.core.read.RecordSelection;
import dev.trailwatch.core.read.SourceReadException;
import dev.trailwatch.testing.Gzip;
import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The record scanner's loop in C, as the runner uses it: files libdeflate decodes are scanned by it, and read with it
 * give the same records and counts as read with the reader's Java loop, under the Access Analyzer selection and
 * under the function's whole watch list; what it cannot take goes to the Java loop. That both loops make the same
 * filtered bytes of good, odd, broken and damaged files is checked byte for byte by InPlaceScanLoopInCTest. Runs where
 * the native library is there (always in CI, which builds it with gcc and installs libdeflate).
 */
class NativeRecordScanTest {

    private static final long CAP = 64L * 1024 * 1024;
    private static final String AA = TrailFileGenerator.ACCESS_ANALYZER;
    private static final RecordSelection ACCESS_ANALYZER = RecordSelection.of(Set.of(AA));
    /** The function's selection: Access Analyzer, and 75 names of 14 services of the watch list. */
    private static final RecordSelection WATCH_LIST = LogFileProcessor.selection(ProcessorSettings.defaults("t"));

    @BeforeAll
    static void theLoopInCIsHere() {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(NativeRecordScan.available()).as("CI builds the native library with gcc").isTrue();
            assertThat(Libdeflate.available()).as("CI installs libdeflate0").isTrue();
        }
        assumeTrue(NativeRecordScan.available() && Libdeflate.available(),
                "no native library or no libdeflate here: the runner scans with the Java loop alone");
    }

    /** What a read gave: counts or failure, and the records handed over before it. */
    record Outcome(LogFileReader.Counts counts, String failure, List<JsonNode> kept) {
    }

    private static Outcome read(byte[] gzip, RecordSelection selection, InPlaceScanLoop loop) {
        List<JsonNode> kept = new ArrayList<>();
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(CAP), selection, CAP,
                new WholeFileGzip(CAP, CAP, loop));
        try {
            return new Outcome(reader.read(new ByteArrayInputStream(gzip), kept::add), null, kept);
        } catch (LogFileException | SourceReadException e) {
            return new Outcome(null, e.getMessage(), kept);
        }
    }

    /** Reads the file with each loop; returns what both gave, after checking it is the same. */
    private static Outcome sameEitherWay(String what, byte[] json, RecordSelection selection) {
        byte[] gzip = Gzip.gzip(json);
        long scansBefore = NativeRecordScan.scans();
        long refusalsBefore = NativeRecordScan.refusals();

        Outcome javaLoop = read(gzip, selection, null);
        Outcome loopInC = read(gzip, selection, NativeRecordScan.forThisMachine());

        assertThat(NativeRecordScan.scans()).as(what + ": scanned by the loop in C").isGreaterThan(scansBefore);
        assertThat(NativeRecordScan.refusals()).as(what + ": no call refused").isEqualTo(refusalsBefore);
        assertThat(loopInC.failure()).as(what).isEqualTo(javaLoop.failure());
        assertThat(loopInC.counts()).as(what).isEqualTo(javaLoop.counts());
        assertThat(loopInC.kept()).as(what).isEqualTo(javaLoop.kept());
        return loopInC;
    }

    static Stream<Arguments> generatedFiles() {
        Map<String, TrailFileGenerator> files = new java.util.LinkedHashMap<>();
        files.put("no Access Analyzer call", TrailFileGenerator.builder().seed(1).targetBytes(400_000)
                .accessAnalyzerFraction(0).build());
        files.put("typical", TrailFileGenerator.builder().seed(2).targetBytes(3_000_000)
                .accessAnalyzerFraction(0.01).build());
        files.put("all Access Analyzer", TrailFileGenerator.builder().seed(3).targetBytes(200_000)
                .accessAnalyzerFraction(1).build());
        files.put("pretty-printed", TrailFileGenerator.builder().seed(4).targetBytes(300_000)
                .accessAnalyzerFraction(0.05).pretty(true).build());
        files.put("odd values everywhere", TrailFileGenerator.builder().seed(5).targetBytes(300_000)
                .accessAnalyzerFraction(0.05).oddFraction(0.5).build());
        files.put("non-object entries, Insights, service-linked role", TrailFileGenerator.builder().seed(6)
                .targetBytes(300_000).accessAnalyzerFraction(0.05).nonObjectFraction(0.05).insightFraction(0.05)
                .serviceLinkedRoleFraction(0.2).build());
        files.put("huge records", TrailFileGenerator.builder().seed(7).targetBytes(2_000_000)
                .accessAnalyzerFraction(0.1).hugeRecords(0.03, 300_000).build());
        List<Arguments> cases = new ArrayList<>();
        files.forEach((kind, generator) -> {
            cases.add(Arguments.of(kind, generator, "Access Analyzer", ACCESS_ANALYZER));
            cases.add(Arguments.of(kind, generator, "the watch list", WATCH_LIST));
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("generatedFiles")
    void generatedFilesGiveTheSameRecordsWithEitherLoop(String kind, TrailFileGenerator generator, String name,
                                                        RecordSelection selection) {
        Outcome outcome = sameEitherWay(kind, generator.jsonBytes(), selection);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.counts().records()).isEqualTo(generator.stats().records());
        assertThat(outcome.kept()).hasSizeGreaterThanOrEqualTo((int) generator.stats().accessAnalyzerRecords());
    }

    @Test
    void aSelectionTheLoopInCDoesNotTakeIsScannedByTheJavaLoopWithTheSameOutcome() {
        Map<String, Set<String>> manySources = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            manySources.put("service" + i + ".amazonaws.com", Set.of("Delete"));
        }
        RecordSelection tooMany = new RecordSelection(Set.of(AA), manySources);
        byte[] gzip = Gzip.gzip(TrailFileGenerator.builder().seed(9).targetBytes(300_000).accessAnalyzerFraction(0.05)
                .build().jsonBytes());
        long refusalsBefore = NativeRecordScan.refusals();

        Outcome loopInC = read(gzip, tooMany, NativeRecordScan.forThisMachine());

        assertThat(NativeRecordScan.refusals()).as("refused, once").isEqualTo(refusalsBefore + 1);
        Outcome javaLoop = read(gzip, tooMany, null);
        assertThat(loopInC.kept()).isNotEmpty().isEqualTo(javaLoop.kept());
        assertThat(loopInC.counts()).isEqualTo(javaLoop.counts());
    }

    /** A fresh state, at the start of a file. */
    private static long[] startState() {
        long[] state = new long[InPlaceScanLoop.STATE_LENGTH];
        state[InPlaceScanLoop.RECORDS_DEPTH] = -1;
        state[InPlaceScanLoop.RECORD_START] = -1;
        state[InPlaceScanLoop.NAMED_SOURCE] = -1;
        return state;
    }

    /** The scanner's limits, naming off, no sources, no named sources, no names. */
    private static byte[] emptySelection() {
        java.nio.ByteBuffer selection = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        selection.putInt(60).putInt(24).putInt(1000).putInt(1 << 20).putInt(0).putInt(0).putInt(0).putInt(0);
        return selection.array();
    }

    @Test
    void theLoopInCScansAWholeDocumentWithTheRoomAfterIt() {
        byte[] json = "{\"Records\":[{\"eventSource\":\"s3.amazonaws.com\"}]}".getBytes(StandardCharsets.UTF_8);
        long[] state = startState();
        int[] ranges = new int[4];

        int found = NativeRecordScan.forThisMachine().scan(Arrays.copyOf(json, json.length + 64), json.length,
                json.length, emptySelection(), state, ranges);

        assertThat(found).isEqualTo(1);
        assertThat(Arrays.copyOf(ranges, 2)).containsExactly(12, json.length - 2);
        assertThat(state[InPlaceScanLoop.PASS]).as("the document ended: the rest goes as it is").isEqualTo(1);
    }

    @Test
    void theLoopInCRefusesAnArrayWithoutRoomOrWithoutAZeroAfterTheDataAndLeavesTheStateAsItWas() {
        byte[] json = "{\"Records\":[{\"eventSource\":\"s3.amazonaws.com\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] noZero = Arrays.copyOf(json, json.length + 64);
        noZero[json.length] = '"';
        for (byte[] bytes : List.of(Arrays.copyOf(json, json.length + 63), noZero)) {
            long[] state = startState();
            long[] before = state.clone();

            int found = NativeRecordScan.forThisMachine().scan(bytes, json.length, json.length, emptySelection(),
                    state, new int[2]);

            assertThat(found).isEqualTo(-1);
            assertThat(state).isEqualTo(before);
        }
    }
}
