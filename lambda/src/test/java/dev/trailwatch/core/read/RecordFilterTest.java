package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.core.Records;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The record filter alone: what it sends on never depends on where a chunk ends or how it is read, and it replaces
 * only what Jackson would have read.
 */
class RecordFilterTest {

    private static final Set<String> SOURCES = Set.of(Records.ACCESS_ANALYZER);

    @Test
    void whereTheChunksEndChangesNoByteOfTheOutput() {
        byte[] file = fixture("string-edges.json");
        String whole = filtered(file, file.length);

        assertThat(whole).isEqualTo(new String(fixture("string-edges.filtered.json"), StandardCharsets.UTF_8));
        for (int size = 1; size < file.length; size++) {
            assertThat(filtered(file, size)).as("chunks of %d bytes", size).isEqualTo(whole);
        }
    }

    @Test
    void readingTheOutputOneByteAtATimeGivesTheSameBytes() throws IOException {
        byte[] file = fixture("string-edges.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (RecordFilter filter = filter(file, 5)) {
            for (int b; (b = filter.read()) >= 0; ) {
                out.write(b);
            }
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(filtered(file, file.length));
    }

    /**
     * A record at each of the scanner's limits is one the scanner replaces and one Jackson reads under the reader's
     * constraints; a record one past the limit goes through as it is. Raising a limit of the scanner past Jackson's
     * (or lowering Jackson's below the scanner's) fails here, instead of letting the filter drop a record that
     * Jackson would have refused, and so accept a file that the reader without the filter fails.
     */
    @Test
    void aRecordAtEachOfTheScannersLimitsIsOneJacksonReads() {
        // Nesting counts the document object, the Records array and the record itself.
        int arrays = RecordFilter.MAX_DEPTH - 3;
        Map<String, IntFunction<String>> limits = Map.of(
                "nesting", n -> "{\"a\":" + "[".repeat(arrays + n) + "]".repeat(arrays + n) + "}",
                "integer", n -> "{\"n\":" + "9".repeat(RecordFilter.MAX_NUMBER + n) + "}",
                "fraction", n -> "{\"n\":0." + "9".repeat(RecordFilter.MAX_NUMBER - 2 + n) + "}",
                "string", n -> "{\"s\":\"" + "x".repeat(RecordFilter.MAX_STRING + n) + "\"}",
                "key", n -> "{\"" + "k".repeat(RecordFilter.MAX_KEY + n) + "\":1}");
        ObjectMapper jackson = JsonSupport.trailMapper(1L << 32);

        limits.forEach((limit, record) -> {
            byte[] atLimit = ("{\"Records\":[" + record.apply(0) + "]}").getBytes(StandardCharsets.UTF_8);
            String past = "{\"Records\":[" + record.apply(1) + "]}";

            assertThat(filtered(atLimit, atLimit.length)).as("%s at the limit", limit).isEqualTo("{\"Records\":[{}]}");
            assertThatCode(() -> jackson.readTree(atLimit)).as("%s at the limit", limit).doesNotThrowAnyException();
            assertThat(filtered(past.getBytes(StandardCharsets.UTF_8), past.length())).as("%s past the limit", limit)
                    .isEqualTo(past);
        });
    }

    /** The filtered stream, read with the decompressed bytes handed over in chunks of {@code chunkSize}. */
    private static String filtered(byte[] file, int chunkSize) {
        try (RecordFilter filter = filter(file, chunkSize)) {
            return new String(filter.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A window that can hold any record of these tests whole, so that none goes through for its size alone. */
    private static RecordFilter filter(byte[] file, int chunkSize) {
        ChunkSource chunks = new ChunkSource(new ByteArrayInputStream(file), chunkSize, 3, -1);
        return new RecordFilter(chunks, SOURCES, true, 16, 4 * RecordFilter.MAX_STRING);
    }

    static byte[] fixture(String name) {
        try (InputStream in = RecordFilterTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
