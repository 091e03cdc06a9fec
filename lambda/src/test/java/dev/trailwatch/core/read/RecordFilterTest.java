package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.core.Records;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The record filter alone, fed in chunks of every size: what it sends on never depends on where a chunk ends.
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

    /** The filtered stream, read with the decompressed bytes handed over in chunks of {@code chunkSize}. */
    private static String filtered(byte[] file, int chunkSize) {
        ChunkSource chunks = new ChunkSource(new ByteArrayInputStream(file), chunkSize, 3, -1);
        try (RecordFilter filter = new RecordFilter(chunks, SOURCES, true, 16, 1 << 20)) {
            return new String(filter.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
