package dev.trailwatch.local.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.read.DecodedBytes;
import dev.trailwatch.core.read.GzipDecoding;
import dev.trailwatch.core.read.JsonSupport;
import dev.trailwatch.core.read.LogFileException;
import dev.trailwatch.core.read.LogFileReader;
import dev.trailwatch.core.read.RecordSelection;
import dev.trailwatch.core.read.SourceReadException;
import dev.trailwatch.testing.FailingAfter;
import dev.trailwatch.testing.Gzip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libdeflate decodes whole files where they fit; anything else reads exactly as the streaming decoder reads it. Runs
 * where the bridge and libdeflate are there (always in CI, which installs Debian's libdeflate0 and builds the bridge
 * with gcc); elsewhere the runner uses zlib alone and there is nothing to compare.
 */
class WholeFileGzipTest {

    private static final long CAP = 64L * 1024 * 1024;
    private static final String AA = "access-analyzer.amazonaws.com";
    private static final RecordSelection SELECTION = RecordSelection.of(Set.of(AA));

    @BeforeAll
    static void libdeflateIsHere() {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(Libdeflate.available()).as("CI installs libdeflate0 and builds the bridge with gcc").isTrue();
        }
        assumeTrue(Libdeflate.available(), "no libdeflate or no bridge here: the runner decodes with zlib alone");
    }

    /** What a read gave: counts or failure, and the records handed over before it. */
    record Outcome(LogFileReader.Counts counts, String failure, List<JsonNode> kept) {
    }

    private static Outcome read(GzipDecoding decoding, InputStream file) {
        List<JsonNode> kept = new ArrayList<>();
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(CAP), SELECTION, CAP, decoding);
        try {
            return new Outcome(reader.read(file, kept::add), null, kept);
        } catch (LogFileException | SourceReadException e) {
            return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage(), kept);
        }
    }

    private static String logFile(int records) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < records; i++) {
            boolean analyzer = i % 7 == 3;
            json.append(i == 0 ? "" : ",").append("{\"eventVersion\":\"1.09\",\"eventSource\":\"")
                    .append(analyzer ? AA : "s3.amazonaws.com").append("\",\"eventName\":\"")
                    .append(analyzer ? "DeleteAnalyzer" : "GetObject").append("\",\"eventID\":\"id-").append(i)
                    .append("\",\"eventTime\":\"2026-11-01T00:00:00Z\",\"awsRegion\":\"us-east-1\",\"requestID\":\"")
                    .append(new java.util.UUID(i * 0x9E3779B97F4A7C15L, ~i * 0xC2B2AE3D27D4EB4FL)).append("\"}");
        }
        return json.append("]}").toString();
    }

    /** A gzip member with every optional header field: extra field, name, comment, header CRC. */
    private static byte[] withEveryHeaderField(byte[] member) {
        byte[] header = {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3};
        byte[] extra = {4, 0, 'a', 'b', 2, 0};
        byte[] name = "trail.json\0".getBytes(StandardCharsets.US_ASCII);
        byte[] comment = "a comment\0".getBytes(StandardCharsets.US_ASCII);
        byte[] headerCrc = {0, 0};
        return Gzip.concatenated(header, extra, name, comment, headerCrc, Arrays.copyOfRange(member, 10, member.length));
    }

    @Test
    void aFileIsDecodedWholeToTheBytesZlibGivesAndItsBuffersGoBackToTheBudget() throws IOException {
        String json = logFile(2000);
        WholeFileGzip whole = new WholeFileGzip(64L * 1024 * 1024, CAP, null);
        long budget = whole.budgetLeft();

        InputStream decoded = whole.open(new ByteArrayInputStream(Gzip.gzip(json)));

        assertThat(decoded).isInstanceOf(DecodedBytes.class);
        assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(whole.budgetLeft()).as("the decoded bytes are held while the file is read").isLessThan(budget);
        decoded.close();
        long afterOne = whole.budgetLeft();

        InputStream again = whole.open(new ByteArrayInputStream(Gzip.gzip(json)));
        again.readAllBytes();
        again.close();
        assertThat(whole.budgetLeft()).as("the second file reuses the first one's buffers").isEqualTo(afterOne);
    }

    @Test
    void everyFaultReadsAsTheStreamingDecoderReadsItWithTheSameRecordsBefore() {
        byte[] good = Gzip.gzip(logFile(300));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("whole", good);
        for (int cut = 1; cut < good.length; cut += Math.max(1, good.length / 40)) {
            files.put("cut at " + cut, Arrays.copyOf(good, cut));
        }
        files.put("cut before the last byte", Arrays.copyOf(good, good.length - 1));
        byte[] badCrc = good.clone();
        badCrc[good.length - 8] ^= 1;
        files.put("bad CRC", badCrc);
        byte[] badSize = good.clone();
        badSize[good.length - 4] ^= 1;
        files.put("bad size", badSize);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        files.put("a flipped bit in the deflate data", flipped);
        files.put("garbage after the member", Gzip.concatenated(good, "garbage".getBytes(StandardCharsets.US_ASCII)));
        files.put("zeros after the member", Gzip.concatenated(good, new byte[16]));
        files.put("a second member's first byte alone", Gzip.concatenated(good, new byte[] {0x1f}));
        byte[] reserved = good.clone();
        reserved[3] = (byte) 0x20;
        files.put("reserved header flag", reserved);
        byte[] method = good.clone();
        method[2] = 7;
        files.put("compression method 7", method);
        String json = logFile(300);
        int half = json.indexOf("},{", json.length() / 2) + 2;
        files.put("two members", Gzip.concatenated(Gzip.gzip(json.substring(0, half)), Gzip.gzip(json.substring(half))));
        files.put("an empty member first", Gzip.concatenated(Gzip.gzip(""), good));
        files.put("an empty member last", Gzip.concatenated(good, Gzip.gzip("")));
        files.put("every optional header field", withEveryHeaderField(good));
        files.put("broken JSON in valid gzip", Gzip.gzip(json.replace("\"id-10\"", "\"id-10\" x")));
        files.put("only an empty member", Gzip.gzip(""));

        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            WholeFileGzip whole = new WholeFileGzip(64L * 1024 * 1024, CAP, null);
            long budget = whole.budgetLeft();
            Outcome expected = read(GzipDecoding.STREAMING, new ByteArrayInputStream(file.getValue()));
            Outcome actual = read(whole, new ByteArrayInputStream(file.getValue()));

            assertThat(actual.failure()).as(file.getKey()).isEqualTo(expected.failure());
            assertThat(actual.counts()).as(file.getKey()).isEqualTo(expected.counts());
            assertThat(actual.kept()).as(file.getKey()).isEqualTo(expected.kept());
            // Pooled buffers count against the budget until a file needs the room: every byte is left or pooled.
            assertThat(whole.budgetLeft() + whole.pooledBytes()).as(file.getKey() + ": every buffer back")
                    .isEqualTo(budget);
        }
        assertThat(read(GzipDecoding.STREAMING, new ByteArrayInputStream(files.get("whole"))).kept()).hasSize(43);
    }

    @Test
    void aFileThatDoesNotFitTheBudgetStreamsAndReadsTheSame() throws IOException {
        byte[] file = Gzip.gzip(logFile(3000));
        WholeFileGzip tight = new WholeFileGzip(file.length + 1000, CAP, null);

        InputStream decoded = tight.open(new ByteArrayInputStream(file));

        assertThat(decoded).isNotInstanceOf(DecodedBytes.class);
        assertThat(decoded.readAllBytes()).isEqualTo(logFile(3000).getBytes(StandardCharsets.UTF_8));
        decoded.close();
        assertThat(tight.budgetLeft() + tight.pooledBytes()).isEqualTo(file.length + 1000);
    }

    @Test
    void aFileOverTheReadersCapStreamsSoThatTheReaderStopsItAtTheCap() throws IOException {
        String json = logFile(3000);
        WholeFileGzip capped = new WholeFileGzip(64L * 1024 * 1024, json.length() - 1, null);

        InputStream decoded = capped.open(new ByteArrayInputStream(Gzip.gzip(json)));

        assertThat(decoded).isNotInstanceOf(DecodedBytes.class);
        decoded.close();
    }

    @Test
    void aStreamThatSaysItHoldsLessThanItDoesIsStillReadToItsEnd() throws IOException {
        String json = logFile(500);
        byte[] file = Gzip.gzip(json);
        InputStream understated = new ByteArrayInputStream(file) {
            @Override
            public synchronized int available() {
                return Math.min(super.available(), file.length / 2);
            }
        };

        InputStream decoded = new WholeFileGzip(64L * 1024 * 1024, CAP, null).open(understated);

        assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void aSourceThatFailsWhileTheFileIsTakenFailsAsItWouldStreamedAfterTheSameRecords() {
        byte[] file = Gzip.gzip(logFile(20_000));
        int failAt = file.length * 3 / 4;

        Outcome expected = read(GzipDecoding.STREAMING, FailingAfter.file(file, failAt));
        Outcome actual = read(new WholeFileGzip(64L * 1024 * 1024, CAP, null), FailingAfter.file(file, failAt));

        assertThat(expected.failure()).startsWith("SourceReadException").contains("connection reset");
        assertThat(actual.failure()).isEqualTo(expected.failure());
        assertThat(actual.kept().size()).isEqualTo(expected.kept().size()).isPositive();
        assertThat(actual.kept()).isEqualTo(expected.kept());
    }
}
