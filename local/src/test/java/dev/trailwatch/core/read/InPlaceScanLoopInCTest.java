package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.ProcessorSettings;
import dev.trailwatch.local.input.WholeFileGzip;
import dev.trailwatch.testing.BrokenJson;
import dev.trailwatch.testing.Gzip;
import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local runner's record scanner loop in C makes, of every file, the filtered bytes the reader's Java loop makes:
 * the same records replaced, the same stop where the loop meets what it does not accept, byte for byte, under the
 * Access Analyzer selection and under the function's whole watch list. Comparing the filtered bytes rather than what
 * Jackson then reads catches differences Jackson would forgive (a lone surrogate, a depth past the scanner's own
 * limit). In the core's package, to read the filter's output; it needs the local runner's native library, so it
 * lives in the local module's tests, and runs where the library is there (always in CI).
 */
class InPlaceScanLoopInCTest {

    private static final long CAP = 64L * 1024 * 1024;
    private static final String AA = TrailFileGenerator.ACCESS_ANALYZER;
    private static final RecordSelection ACCESS_ANALYZER = RecordSelection.of(Set.of(AA));
    private static final RecordSelection WATCH_LIST = LogFileProcessor.selection(ProcessorSettings.defaults("t"));
    private static final GzipDecoding LIBDEFLATE = WholeFileGzip.forThisMachine(CAP);

    @BeforeAll
    static void theLoopInCIsHere() {
        boolean here = decodedWhole("{}".getBytes(StandardCharsets.UTF_8)).scanLoop() != null;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(here).as("CI builds the native library with gcc and installs libdeflate").isTrue();
        }
        assumeTrue(here, "no native library or no libdeflate here: the runner scans with the Java loop alone");
    }

    private static DecodedBytes decodedWhole(byte[] json) {
        try {
            InputStream decoded = LIBDEFLATE.open(new ByteArrayInputStream(Gzip.gzip(json)));
            assertThat(decoded).isInstanceOf(DecodedBytes.class);
            return (DecodedBytes) decoded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The filtered stream the reader's parser would read, scanned by the given loop (null: the Java one). */
    private static byte[] filtered(byte[] json, RecordSelection selection, boolean withLoopInC) {
        DecodedBytes decoded = decodedWhole(json);
        InPlaceScanLoop loop = withLoopInC ? decoded.scanLoop() : null;
        try (RecordFilter filter = new RecordFilter(ChunkSource.inPlace(decoded), RecordFilter.needles(selection), true,
                1024 * 1024, 8 * 1024 * 1024, loop)) {
            return filter.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Filters the file with each loop and each selection; returns the Java loop's bytes under the watch list. */
    private static byte[] sameBytes(String what, byte[] json) {
        byte[] last = null;
        for (RecordSelection selection : List.of(ACCESS_ANALYZER, WATCH_LIST)) {
            byte[] javaLoop = filtered(json, selection, false);
            byte[] loopInC = filtered(json, selection, true);
            assertThat(new String(loopInC, StandardCharsets.ISO_8859_1)).as(what)
                    .isEqualTo(new String(javaLoop, StandardCharsets.ISO_8859_1));
            last = javaLoop;
        }
        return last;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void generatedFilesOfEveryKindAreFilteredToTheSameBytes() {
        List<TrailFileGenerator> files = List.of(
                TrailFileGenerator.builder().seed(2).targetBytes(2_000_000).accessAnalyzerFraction(0.01).build(),
                TrailFileGenerator.builder().seed(4).targetBytes(300_000).accessAnalyzerFraction(0.05).pretty(true)
                        .build(),
                TrailFileGenerator.builder().seed(5).targetBytes(300_000).accessAnalyzerFraction(0.05)
                        .oddFraction(0.5).build(),
                TrailFileGenerator.builder().seed(6).targetBytes(300_000).accessAnalyzerFraction(0.05)
                        .nonObjectFraction(0.05).insightFraction(0.05).serviceLinkedRoleFraction(0.2).build(),
                TrailFileGenerator.builder().seed(7).targetBytes(2_000_000).accessAnalyzerFraction(0.1)
                        .hugeRecords(0.03, 300_000).build());
        for (TrailFileGenerator file : files) {
            byte[] json = file.jsonBytes();
            byte[] out = sameBytes(file.stats().toString(), json);
            assertThat(out.length).as("most records replaced").isLessThan(json.length / 2);
        }
    }

    @Test
    void recordsEitherLoopMustLeaveToJacksonAreLeftByBoth() {
        String[] records = {
            "{\"eventSource\":\"" + AA + "\",\"eventName\":\"DeleteAnalyzer\"}",
            "{\"eventSource\":\"lambda.amazonaws.com\",\"eventName\":\"UpdateFunctionConfiguration20150331v2\"}",
            "{\"eventName\":\"UpdateFunctionConfiguration20150331v2\",\"eventSource\":\"lambda.amazonaws.com\"}",
            "{\"eventName\":\"Invoke\",\"eventSource\":\"lambda.amazonaws.com\"}",
            "{\"eventName\":\"PutBucketPolicy\",\"eventSource\":\"ec2.amazonaws.com\"}",
            "{\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"PutBucketPolicy\"}",
            "{\"eventSource\":\"lambda.amazonaws.com\",\"eventName\":\"Invoke\"}",
            "{\"eventSource\":\"access\\u002danalyzer.amazonaws.com\"}",
            "{\"event\\u0053ource\":\"" + AA + "\"}",
            "{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"Put\\u0042ucketPolicy\"}",
            "{\"eventSource\":12,\"eventName\":\"x\"}",
            "{\"eventSource\":true}",
            "{\"eventSource\":null}",
            "{\"eventSource\":\"s3.amazonaws.com\",\"s\":\"\\ud800\"}",
            "{\"eventSource\":\"s3.amazonaws.com\",\"s\":\"\\uDBFF\\uDFFF\"}",
            "{\"" + "k".repeat(1001) + "\":1}",
            "{\"" + "k".repeat(1000) + "\":1}",
            "{\"n\":-0.5e-3,\"m\":1E+2,\"z\":0,\"t\":[true,false,null,[],{}]}",
            "{\"u\":\"\u00e9\u4e2d\ud83d\ude00\",\"e\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
            "[1,2]",
            "\"a string entry\"",
            "{\"big\":" + "9".repeat(24) + "}",
        };
        String file = "{\"other\":[{\"eventSource\":\"s3.amazonaws.com\"}],\"Records\":[" + String.join(",", records)
                + "],\"tail\":{\"Records\":[{\"eventSource\":\"s3.amazonaws.com\"}]}}";

        byte[] out = sameBytes("hand-written records", utf8(file));

        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).contains("UpdateFunctionConfiguration20150331v2", "\\ud800", "access\\u002danalyzer",
                "{\"other\":[{\"eventSource\":\"s3.amazonaws.com\"}]", "{\"eventSource\":12,", "{\"eventSource\":true}")
                .doesNotContain("\"Invoke\"", "\"big\"", "ec2.amazonaws.com");
    }

    @Test
    void eachLimitOfTheScannerStopsBothLoopsAtTheSameRecord() {
        String before = "{\"Records\":[{\"eventSource\":\"s3.amazonaws.com\"},";
        String after = ",{\"eventSource\":\"s3.amazonaws.com\"},{\"eventSource\":\"" + AA + "\"}]}";
        String[] atTheLimit = {
            "{\"d\":" + "[".repeat(56) + "]".repeat(56) + "}",
            "{\"d\":" + "[".repeat(57) + "]".repeat(57) + "}",
            "{\"d\":" + "[".repeat(58) + "]".repeat(58) + "}",
            "{\"n\":" + "1".repeat(24) + "}",
            "{\"n\":" + "1".repeat(25) + "}",
            "{\"n\":1." + "1".repeat(22) + "}",
            "{\"n\":1e" + "1".repeat(23) + "}",
            "{\"s\":\"" + "x".repeat((1 << 20) + 1) + "\"}",
            "{\"s\":\"a\u0001b\"}",
            "{\"s\":\"\\x\"}",
            "{\"s\":\"\\u12g4\"}",
            "{\"s\":\"\u00c0\u0080\"}",
        };
        for (String record : atTheLimit) {
            byte[] out = sameBytes(record.length() > 80 ? record.substring(0, 80) : record,
                    utf8(before + record + after));
            assertThat(new String(out, StandardCharsets.UTF_8)).as("the record before is replaced")
                    .startsWith("{\"Records\":[{},");
        }
        // UTF-8 at each edge of what is valid: overlong forms, encoded surrogates, past U+10FFFF, cut sequences.
        int[][] sequences = {
            {0xc0, 0x80}, {0xc1, 0xbf}, {0xc2, 0x80}, {0xdf, 0xbf}, {0xc2, 0x41},
            {0xe0, 0x80, 0x80}, {0xe0, 0x9f, 0xbf}, {0xe0, 0xa0, 0x80}, {0xed, 0x9f, 0xbf}, {0xed, 0xa0, 0x80},
            {0xef, 0xbf, 0xbf}, {0xe1, 0x80, 0x41},
            {0xf0, 0x8f, 0xbf, 0xbf}, {0xf0, 0x90, 0x80, 0x80}, {0xf4, 0x8f, 0xbf, 0xbf}, {0xf4, 0x90, 0x80, 0x80},
            {0xf5, 0x80, 0x80, 0x80}, {0xf1, 0x80, 0x41, 0x80}, {0x80}, {0xff},
        };
        for (int[] sequence : sequences) {
            String placeholder = "#".repeat(sequence.length);
            byte[] file = utf8(before + "{\"s\":\"a" + placeholder + "b\"}" + after);
            int at = (before + "{\"s\":\"a").length();
            for (int k = 0; k < sequence.length; k++) {
                file[at + k] = (byte) sequence[k];
            }
            sameBytes("UTF-8 " + Arrays.toString(sequence), file);
        }
    }

    @Test
    void brokenFilesAreFilteredToTheSameBytes() {
        String good = "{\"Records\":[{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"A\"},"
                + "{\"eventSource\":\"" + AA + "\",\"eventName\":\"DeleteAnalyzer\"},"
                + "{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"B\"}]}";
        List<String> broken = new ArrayList<>(BrokenJson.of(good, 1));
        broken.add("{\"Records\":{\"a\":[{}]}}");
        for (String file : broken) {
            sameBytes(file, utf8(file));
        }
    }

    /** Random damage to a generated file: a changed, dropped or added byte, a cut ({@link BrokenJson#damaged}). */
    @Test
    void randomlyDamagedFilesAreFilteredToTheSameBytes() {
        byte[] good = TrailFileGenerator.builder().seed(11).targetBytes(20_000).accessAnalyzerFraction(0.1)
                .oddFraction(0.3).nonObjectFraction(0.02).build().jsonBytes();
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 400; n++) {
            byte[] bad = BrokenJson.damaged(good, random);
            sameBytes("damage " + n, bad);
        }
    }
}
