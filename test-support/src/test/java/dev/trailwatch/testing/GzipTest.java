package dev.trailwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class GzipTest {

    private static final String JSON = "{\"Records\":[{\"eventName\":\"CreateAnalyzer\",\"who\":\"Zoë ✓\"}]}";

    @Test
    void gzipThenGunzipGivesTheTextBack() throws IOException {
        byte[] gz = Gzip.gzip(JSON);

        assertThat(gz[0]).isEqualTo((byte) 0x1f);
        assertThat(gz[1]).isEqualTo((byte) 0x8b);
        assertThat(Gzip.gunzipToString(gz)).isEqualTo(JSON);
    }

    @Test
    void aTruncatedFileEndsInAnEofException() {
        assertThatThrownBy(() -> Gzip.gunzip(Gzip.truncated(Gzip.gzip(JSON.repeat(50)))))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> Gzip.gunzip(Gzip.truncated(Gzip.gzip(JSON), 3)))
                .as("cut inside the trailer")
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aFlippedCrcByteFailsTheTrailerCheck() {
        assertThatThrownBy(() -> Gzip.gunzip(Gzip.withFlippedCrcByte(Gzip.gzip(JSON))))
                .isInstanceOf(ZipException.class)
                .hasMessageContaining("Corrupt GZIP trailer");
    }

    @Test
    void trailingGarbageIsSilentlyIgnoredByTheJdk() throws IOException {
        byte[] gz = Gzip.gzip(JSON);
        byte[] withGarbage = Gzip.withTrailingGarbage(gz);

        assertThat(withGarbage).hasSize(gz.length + "garbage\n".length());
        assertThat(Gzip.gunzipToString(withGarbage)).isEqualTo(JSON);
    }

    @Test
    void concatenatedMembersDecompressToBothContents() throws IOException {
        byte[] twoMembers = Gzip.concatenated(Gzip.gzip("{\"a\":1}"), Gzip.gzip("{\"b\":2}"));

        assertThat(Gzip.gunzipToString(twoMembers)).isEqualTo("{\"a\":1}{\"b\":2}");
    }

    @Test
    void theJsonBombIsAValidGzipOfAnEmptyRecordsArrayCompressedOverAThousandToOne() throws IOException {
        long size = (64L << 20) + 12_345; // a partial chunk at the end too
        byte[] bomb = Gzip.jsonWhitespaceBomb(size);

        assertThat((double) size / bomb.length).isGreaterThanOrEqualTo(1000);
        byte[] head = new byte[Gzip.RECORDS_PREFIX.length() + 4];
        byte[] tail = new byte[8];
        long total = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bomb), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            boolean onlySpacesInside = true;
            for (int n; (n = in.read(buffer)) != -1; ) {
                for (int i = 0; i < n; i++) {
                    long at = total + i;
                    byte b = buffer[i];
                    if (at < head.length) {
                        head[(int) at] = b;
                    }
                    if (at >= Gzip.RECORDS_PREFIX.length() && at < size - 2 && b != ' ') {
                        onlySpacesInside = false;
                    }
                    tail[(int) (at % tail.length)] = b;
                }
                total += n;
            }
            assertThat(onlySpacesInside).isTrue();
        }
        assertThat(total).isEqualTo(size);
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo(Gzip.RECORDS_PREFIX + "    ");
        assertThat((char) tail[(int) ((size - 2) % 8)]).isEqualTo(']');
        assertThat((char) tail[(int) ((size - 1) % 8)]).isEqualTo('}');
    }

    @Test
    void aFourGibibyteBombIsBuiltQuicklyAndStaysSmall() {
        long size = 4L << 30;
        long start = System.nanoTime();
        byte[] bomb = Gzip.jsonWhitespaceBomb(size);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat((double) size / bomb.length).isGreaterThanOrEqualTo(1000);
        assertThat(bomb.length).isLessThan(5 << 20);
        assertThat(millis).as("build time in ms").isLessThan(15_000);
        // ISIZE holds the length modulo 2^32: 4 GiB wraps to 0.
        int n = bomb.length;
        assertThat(bomb[n - 4] | bomb[n - 3] | bomb[n - 2] | bomb[n - 1]).isZero();
    }

    @Test
    void theZeroBombDecompressesToExactlyThatManyZeros() throws IOException {
        long size = 16L << 20;
        byte[] bomb = Gzip.zeroBomb(size);

        assertThat((double) size / bomb.length).isGreaterThanOrEqualTo(1000);
        assertThat(Gzip.gunzippedLength(bomb)).isEqualTo(size);
        byte[] small = Gzip.gunzip(Gzip.zeroBomb(1000));
        assertThat(small).hasSize(1000).containsOnly(0);
    }
}
