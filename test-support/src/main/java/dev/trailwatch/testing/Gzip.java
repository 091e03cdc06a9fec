package dev.trailwatch.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip fixtures: well-formed members, corrupted variants and decompression bombs.
 *
 * <p>What the JDK's {@link GZIPInputStream} makes of each corrupted variant (pinned by {@code GzipTest}):
 * {@link #truncated} → {@code EOFException}; {@link #withFlippedCrcByte} → {@code ZipException} "Corrupt GZIP
 * trailer"; {@link #withTrailingGarbage} → read <em>without error</em>, garbage ignored;
 * {@link #concatenated} → every member's content, one after the other.
 */
public final class Gzip {

    /** {@code {"Records":[} — the opening of a CloudTrail log file. */
    public static final String RECORDS_PREFIX = "{\"Records\":[";
    /** {@code ]}} — the closing of a CloudTrail log file. */
    public static final String RECORDS_SUFFIX = "]}";

    private static final int BOMB_CHUNK = 8 << 20;
    private static final byte[] GZIP_HEADER = {
        0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private Gzip() {
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Gzips the UTF-8 bytes of {@code text}. */
    public static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decompresses with the JDK (all members; see the class comment for what it tolerates). */
    public static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** Decompresses with the JDK and decodes UTF-8. */
    public static String gunzipToString(byte[] gz) throws IOException {
        return new String(gunzip(gz), StandardCharsets.UTF_8);
    }

    /** Streams {@code gz} through the JDK's GZIPInputStream and counts the decompressed bytes (nothing is kept). */
    public static long gunzippedLength(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
            }
            return total;
        }
    }

    // ---------------------------------------------------------------------------------------------- corruption

    /** The first half of {@code gz}: cut inside the compressed data. */
    public static byte[] truncated(byte[] gz) {
        return Arrays.copyOf(gz, gz.length / 2);
    }

    /** {@code gz} without its last {@code bytes} bytes (1–8 cut into the CRC32/ISIZE trailer). */
    public static byte[] truncated(byte[] gz, int bytes) {
        return Arrays.copyOf(gz, gz.length - bytes);
    }

    /** {@code gz} with the first byte of its CRC32 trailer inverted: the data inflates, the check fails. */
    public static byte[] withFlippedCrcByte(byte[] gz) {
        byte[] copy = gz.clone();
        copy[copy.length - 8] ^= (byte) 0xff;
        return copy;
    }

    /** {@code gz} followed by bytes that are not a gzip member. */
    public static byte[] withTrailingGarbage(byte[] gz, byte[] garbage) {
        byte[] copy = Arrays.copyOf(gz, gz.length + garbage.length);
        System.arraycopy(garbage, 0, copy, gz.length, garbage.length);
        return copy;
    }

    /** {@code gz} followed by {@code "garbage\n"}. */
    public static byte[] withTrailingGarbage(byte[] gz) {
        return withTrailingGarbage(gz, "garbage\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Gzip members one after the other: a valid multi-member gzip file (RFC 1952 allows it). */
    public static byte[] concatenated(byte[]... members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] member : members) {
            out.writeBytes(member);
        }
        return out.toByteArray();
    }

    // --------------------------------------------------------------------------------------------------- bombs

    /**
     * A valid gzip file of a CloudTrail-shaped JSON document that decompresses to exactly {@code totalBytes} bytes:
     * {@code {"Records":[}, spaces, {@code ]}} — an empty Records array padded with whitespace, compressed about
     * 1030:1 (4 GiB → about 4 MiB). Built in memory proportional to the compressed size: independently deflated
     * 8 MiB chunks of spaces are repeated, so even many GiB take only the time to CRC them (~1 s per few GiB).
     */
    public static byte[] jsonWhitespaceBomb(long totalBytes) {
        byte[] prefix = RECORDS_PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = RECORDS_SUFFIX.getBytes(StandardCharsets.US_ASCII);
        long fill = totalBytes - prefix.length - suffix.length;
        if (fill < 0) {
            throw new IllegalArgumentException("totalBytes must be at least " + (prefix.length + suffix.length));
        }
        return bomb(prefix, (byte) ' ', fill, suffix);
    }

    /** A valid gzip file of {@code totalBytes} zero bytes, compressed about 1030:1, built like the JSON bomb. */
    public static byte[] zeroBomb(long totalBytes) {
        return bomb(new byte[0], (byte) 0, totalBytes, new byte[0]);
    }

    private static byte[] bomb(byte[] prefix, byte fillByte, long fillCount, byte[] suffix) {
        byte[] chunk = new byte[(int) Math.min(BOMB_CHUNK, Math.max(fillCount, 1))];
        Arrays.fill(chunk, fillByte);
        long fullChunks = fillCount / chunk.length;
        int rest = (int) (fillCount % chunk.length);

        CRC32 crc = new CRC32();
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(fillCount / 900 + 1024, Integer.MAX_VALUE));
        out.writeBytes(GZIP_HEADER);

        // Each piece is deflated on its own and ends on a byte boundary with a non-final block (SYNC_FLUSH), so the
        // pieces can be concatenated: no piece refers back to data before its own start.
        out.writeBytes(deflate(prefix, prefix.length, false));
        crc.update(prefix);
        if (fullChunks > 0) {
            byte[] compressedChunk = deflate(chunk, chunk.length, false);
            for (long i = 0; i < fullChunks; i++) {
                out.writeBytes(compressedChunk);
                crc.update(chunk);
            }
        }
        if (rest > 0) {
            out.writeBytes(deflate(chunk, rest, false));
            crc.update(chunk, 0, rest);
        }
        out.writeBytes(deflate(suffix, suffix.length, true));
        crc.update(suffix);

        long total = prefix.length + fillCount + suffix.length;
        writeIntLe(out, crc.getValue());
        writeIntLe(out, total); // ISIZE is the length modulo 2^32
        return out.toByteArray();
    }

    /** Raw deflate of {@code data[0..length)}: ends with SYNC_FLUSH (not final) or FINISH (final block). */
    private static byte[] deflate(byte[] data, int length, boolean finish) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data, 0, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 900 + 64);
            byte[] buffer = new byte[1 << 16];
            if (finish) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void writeIntLe(ByteArrayOutputStream out, long value) {
        out.write((int) value & 0xff);
        out.write((int) (value >>> 8) & 0xff);
        out.write((int) (value >>> 16) & 0xff);
        out.write((int) (value >>> 24) & 0xff);
    }
}
