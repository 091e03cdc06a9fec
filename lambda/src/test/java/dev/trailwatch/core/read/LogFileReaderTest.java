package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.Records;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LogFileReaderTest {

    private static final long CAP = 64L * 1024 * 1024;
    private final LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(CAP), Set.of(Records.ACCESS_ANALYZER), CAP);
    private final List<JsonNode> kept = new ArrayList<>();

    private LogFileReader.Counts read(byte[] bytes) throws Exception {
        return reader.read(new ByteArrayInputStream(bytes), kept::add);
    }

    private String failureOf(byte[] bytes) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(LogFileException.class, () -> read(bytes)).getMessage();
    }

    private static String mixedFile() {
        return Records.logFile(
                Records.json("{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"eventID\":\"a\"}"),
                Records.accessAnalyzerCall("DeleteAnalyzer", false),
                Records.json("{\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RunInstances\",\"eventID\":\"b\"}"));
    }

    @Test
    void aGzippedLogFileHandsOverOnlyTheAccessAnalyzerRecords() throws Exception {
        LogFileReader.Counts counts = read(Records.gzip(mixedFile()));

        assertThat(counts.records()).isEqualTo(3);
        assertThat(kept).extracting(r -> r.get("eventName").asText()).containsExactly("DeleteAnalyzer");
    }

    @Test
    void plainJsonIsReadByItsContentNotItsName() throws Exception {
        read(mixedFile().getBytes(StandardCharsets.UTF_8));

        assertThat(kept).hasSize(1);
    }

    @Test
    void insightsRecordsAndTheAnalyzersOwnRoleInOtherServicesAreNotAccessAnalyzerEvents() throws Exception {
        String file = Records.logFile(
                Records.json("""
                        {"eventVersion":"1.07","eventTime":"2018-06-14T22:00:00Z","awsRegion":"us-east-1","eventID":"i1",
                         "eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"s1",
                         "insightDetails":{"state":"Start","eventSource":"access-analyzer.amazonaws.com","eventName":"ListFindings",
                                           "insightType":"ApiCallRateInsight"},"eventCategory":"Insight"}"""),
                Records.json("""
                        {"eventSource":"s3.amazonaws.com","eventName":"GetBucketPolicy","eventID":"s2",
                         "sourceIPAddress":"access-analyzer.amazonaws.com","userAgent":"access-analyzer.amazonaws.com",
                         "userIdentity":{"type":"AssumedRole","invokedBy":"access-analyzer.amazonaws.com"}}"""));

        LogFileReader.Counts counts = read(Records.gzip(file));

        assertThat(counts.records()).isEqualTo(2);
        assertThat(kept).isEmpty();
    }

    @Test
    void emptyRecordsIsAValidFileWithNothingInIt() throws Exception {
        assertThat(read(Records.gzip("{\"Records\":[]}")).records()).isZero();
        assertThat(kept).isEmpty();
    }

    @Test
    void nullAndScalarEntriesAreCountedAndPassedOver() throws Exception {
        String file = "{\"Records\":[null, 7, \"x\", [1], " + Records.accessAnalyzerCall("TagResource", false) + "]}";

        LogFileReader.Counts counts = read(Records.gzip(file));

        assertThat(counts.nonObjectEntries()).isEqualTo(4);
        assertThat(counts.records()).isEqualTo(1);
        assertThat(kept).hasSize(1);
    }

    @Test
    void concatenatedGzipMembersAreOneValidFile() throws Exception {
        byte[] bytes = mixedFile().getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        byte[] first = Records.gzip(Arrays.copyOfRange(bytes, 0, half));
        byte[] second = Records.gzip(Arrays.copyOfRange(bytes, half, bytes.length));

        read(concat(first, second));

        assertThat(kept).hasSize(1);
    }

    @Test
    void anEmptyFileFailsAndSaysItIsEmpty() {
        assertThat(failureOf(new byte[0])).contains("empty file");
    }

    @Test
    void aTruncatedGzipFailsAsTruncated() {
        byte[] gz = Records.gzip(mixedFile());

        assertThat(failureOf(Arrays.copyOf(gz, gz.length - 12))).startsWith("invalid gzip data").contains("truncated");
    }

    @Test
    void aBadCrcFails() {
        byte[] gz = Records.gzip(mixedFile());
        gz[gz.length - 6] ^= 0x55;

        assertThat(failureOf(gz)).startsWith("invalid gzip data");
    }

    @Test
    void trailingGarbageAfterTheGzipTrailerFails() {
        byte[] gz = concat(Records.gzip(mixedFile()), "garbage!".getBytes(StandardCharsets.UTF_8));

        assertThat(failureOf(gz)).startsWith("invalid gzip data").contains("after a valid .gz stream");
    }

    @Test
    void aCutJsonFailsWithItsPosition() {
        String json = mixedFile();

        assertThat(failureOf(Records.gzip(json.substring(0, json.length() / 2)))).startsWith("invalid JSON at byte");
    }

    @Test
    void recordsBeforeACutAreStillHandedOver() {
        String json = Records.logFile(Records.accessAnalyzerCall("DeleteAnalyzer", false),
                Records.accessAnalyzerCall("CreateArchiveRule", false));

        failureOf(Records.gzip(json.substring(0, json.length() - 40)));

        assertThat(kept).extracting(r -> r.get("eventName").asText()).containsExactly("DeleteAnalyzer");
    }

    @Test
    void documentsThatAreNotCloudTrailLogsFailWithTheReason() {
        assertThat(failureOf(Records.gzip("[1,2,3]"))).contains("not a JSON object");
        assertThat(failureOf(Records.gzip("{\"digestStartTime\":\"x\"}"))).contains("no Records array");
        assertThat(failureOf(Records.gzip("{\"Records\":{\"a\":1}}"))).contains("Records is not an array");
        assertThat(failureOf(Records.gzip("   "))).contains("empty document");
        assertThat(failureOf("hello".getBytes(StandardCharsets.UTF_8))).startsWith("invalid JSON");
    }

    @Test
    void aSecondDocumentAfterTheFirstFails() {
        assertThat(failureOf(Records.gzip("{\"Records\":[]} {\"Records\":[]}"))).contains("content after the end");
    }

    @Test
    void duplicateKeysInARecordFailRatherThanPickOneValue() {
        String file = "{\"Records\":[{\"eventSource\":\"access-analyzer.amazonaws.com\",\"eventSource\":\"s3.amazonaws.com\"}]}";

        assertThat(failureOf(Records.gzip(file))).containsIgnoringCase("duplicate");
    }

    @Test
    void nestingPastTheLimitFails() {
        String deep = "[".repeat(JsonSupport.MAX_NESTING_DEPTH + 5) + "]".repeat(JsonSupport.MAX_NESTING_DEPTH + 5);

        assertThat(failureOf(Records.gzip("{\"Records\":[{\"x\":" + deep + "}]}"))).contains("safety limit");
    }

    @Test
    void aTwoThousandDigitNumberFails() {
        assertThat(failureOf(Records.gzip("{\"Records\":[{\"n\":" + "9".repeat(2000) + "}]}"))).contains("safety limit");
    }

    @Test
    void invalidUtf8Fails() {
        byte[] head = "{\"Records\":[{\"eventName\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = concat(concat(head, new byte[] {(byte) 0xC3, (byte) 0x28}), tail);

        assertThat(failureOf(Records.gzip(bad))).startsWith("invalid JSON").containsIgnoringCase("UTF-8");
    }

    @Test
    void aDecompressionBombIsStoppedAtTheCapBeforeItIsParsed() throws IOException {
        long cap = 1024 * 1024;
        LogFileReader small = new LogFileReader(JsonSupport.trailMapper(1L << 40), Set.of(Records.ACCESS_ANALYZER), cap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1024 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                gz.write(spaces);
            }
            gz.write("]}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bomb = out.toByteArray();
        assertThat(64L * 1024 * 1024 / bomb.length).isGreaterThanOrEqualTo(1000);

        assertThatThrownBy(() -> small.read(new ByteArrayInputStream(bomb), kept::add))
                .isInstanceOf(LogFileException.class)
                .hasMessageContaining("passes the cap of " + cap + " bytes");
    }

    @Test
    void aFileDecodedWholeGivesTheRecordsAndCountsOfTheStreamedOneAndIsHandedBack() throws Exception {
        byte[] gzip = Records.gzip(mixedFile());
        LogFileReader.Counts streamed = read(gzip);
        List<JsonNode> streamedKept = List.copyOf(kept);
        kept.clear();
        for (int room : new int[] {DecodedBytes.ROOM_AFTER, DecodedBytes.ROOM_AFTER - 1, 0}) {
            WholeFileDecoding whole = new WholeFileDecoding(room);
            LogFileReader wholeReader = new LogFileReader(JsonSupport.trailMapper(CAP),
                    RecordSelection.of(Set.of(Records.ACCESS_ANALYZER)), CAP, whole);

            LogFileReader.Counts counts = wholeReader.read(new ByteArrayInputStream(gzip), kept::add);

            assertThat(counts).as("room %d", room).isEqualTo(streamed);
            assertThat(kept).as("room %d", room).isEqualTo(streamedKept);
            assertThat(whole.decodedWhole).hasValue(1);
            assertThat(whole.closed).as("the decoded array handed back once").hasValue(1);
            kept.clear();
        }
    }

    @Test
    void aFileDecodedWholeButOverTheCapStopsAtTheCapAsTheStreamedOneDoes() {
        String file = Records.logFile(Records.accessAnalyzerCall("DeleteAnalyzer", false),
                Records.json("{\"eventSource\":\"s3.amazonaws.com\",\"pad\":\"" + "x".repeat(5000) + "\"}"),
                Records.accessAnalyzerCall("CreateArchiveRule", false));
        byte[] gzip = Records.gzip(file);
        long cap = 4096;
        WholeFileDecoding whole = WholeFileDecoding.inPlace();
        LogFileReader streaming = new LogFileReader(JsonSupport.trailMapper(cap), Set.of(Records.ACCESS_ANALYZER), cap);
        LogFileReader decodedWhole = new LogFileReader(JsonSupport.trailMapper(cap),
                RecordSelection.of(Set.of(Records.ACCESS_ANALYZER)), cap, whole);
        List<JsonNode> wholeKept = new ArrayList<>();

        Throwable expected = catchThrowable(() -> streaming.read(new ByteArrayInputStream(gzip), kept::add));
        Throwable actual = catchThrowable(() -> decodedWhole.read(new ByteArrayInputStream(gzip), wholeKept::add));

        assertThat(expected).isInstanceOf(LogFileException.class).hasMessageContaining("passes the cap of 4096 bytes");
        assertThat(actual).isInstanceOf(LogFileException.class).hasMessage(expected.getMessage());
        assertThat(wholeKept).isEqualTo(kept);
        assertThat(whole.closed).hasValue(1);
    }

    @Test
    void aFileDecodedWholeIsHandedBackAlsoWhenItsJsonIsBroken() {
        byte[] gzip = Records.gzip(mixedFile().replace("\"b\"}", "\"b\" x}"));
        WholeFileDecoding whole = WholeFileDecoding.inPlace();
        LogFileReader decodedWhole = new LogFileReader(JsonSupport.trailMapper(CAP),
                RecordSelection.of(Set.of(Records.ACCESS_ANALYZER)), CAP, whole);
        String expected = failureOf(gzip);
        List<JsonNode> streamedKept = List.copyOf(kept);
        kept.clear();

        assertThatThrownBy(() -> decodedWhole.read(new ByteArrayInputStream(gzip), kept::add))
                .isInstanceOf(LogFileException.class).hasMessage(expected).hasMessageStartingWith("invalid JSON at byte");
        assertThat(kept).isEqualTo(streamedKept).hasSize(1);
        assertThat(whole.closed).hasValue(1);
    }

    @Test
    void aFailingSourceIsReportedAsASourceFaultNotAsBadContent() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> reader.read(broken, kept::add)).isInstanceOf(SourceReadException.class)
                .hasMessageContaining("connection reset");
    }

    @Test
    void theStreamItIsGivenIsLeftForItsOwnerToClose() {
        byte[] gzip = Records.gzip(mixedFile());
        List<byte[]> files = List.of(gzip, mixedFile().getBytes(StandardCharsets.UTF_8),
                Arrays.copyOf(gzip, gzip.length / 2), "{\"Records\":[{]}".getBytes(StandardCharsets.UTF_8), new byte[0]);

        for (byte[] file : files) {
            CloseRecording given = new CloseRecording(new ByteArrayInputStream(file));
            catchThrowable(() -> reader.read(given, kept::add));

            assertThat(given.closed).as("closed after reading %d bytes", file.length).isFalse();
        }
        CloseRecording failing = new CloseRecording(new FailingStream());
        catchThrowable(() -> reader.read(failing, kept::add));
        assertThat(failing.closed).as("closed after the source failed").isFalse();
    }

    /** Remembers whether it was closed. */
    private static final class CloseRecording extends java.io.FilterInputStream {
        boolean closed;

        CloseRecording(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    private static final class FailingStream extends InputStream {
        @Override
        public int read() throws IOException {
            throw new IOException("connection reset");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
