package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trailwatch.testing.Gzip;
import dev.trailwatch.testing.generator.TrailFileGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict gzip decoder at its edges, with input buffers from one byte up and reads of one byte or many: members
 * one after the other, a stream cut anywhere, and whatever follows the last member.
 */
class GzipDecoderTest {

    private static final byte[] FIRST = TrailFileGenerator.builder().seed(21).targetBytes(3_000).build().jsonBytes();
    private static final byte[] SECOND = TrailFileGenerator.builder().seed(22).targetBytes(2_000).build().jsonBytes();

    /** What a decoding gave: the bytes, up to the failure if there was one. */
    private record Decoded(byte[] bytes, IOException failure) {
    }

    /**
     * Decodes {@code gz} handed over one byte per read of the source, into reads of {@code readSize} bytes (1: the
     * single-byte {@code read()}).
     */
    private static Decoded decode(byte[] gz, int inputBuffer, int readSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipDecoder in = new GzipDecoder(new OneByteReads(gz), inputBuffer)) {
            byte[] buf = new byte[readSize];
            while (true) {
                if (readSize == 1) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    out.write(b);
                } else {
                    int n = in.read(buf, 0, buf.length);
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                }
            }
            return new Decoded(out.toByteArray(), null);
        } catch (IOException e) {
            return new Decoded(out.toByteArray(), e);
        }
    }

    @ParameterizedTest(name = "input buffer of {0} bytes")
    @ValueSource(ints = {1, 2, 7, 64 * 1024})
    void concatenatedMembersAreOneStreamWhateverTheReadSizes(int inputBuffer) {
        byte[] empty = Gzip.gzip(new byte[0]);
        byte[] gz = Gzip.concatenated(Gzip.gzip(FIRST), empty, Gzip.gzip(SECOND), empty);

        for (int readSize : List.of(1, 3, 8192)) {
            Decoded decoded = decode(gz, inputBuffer, readSize);

            assertThat(decoded.failure()).as("reads of %d", readSize).isNull();
            assertThat(decoded.bytes()).as("reads of %d", readSize).isEqualTo(concat(FIRST, SECOND));
        }
    }

    @ParameterizedTest(name = "input buffer of {0} bytes")
    @ValueSource(ints = {1, 7, 64 * 1024})
    void aStreamCutInsideAMemberFailsAsCut(int inputBuffer) {
        byte[] first = Gzip.gzip(FIRST);
        byte[] gz = Gzip.concatenated(first, Gzip.gzip(SECOND));

        // Every cut in the header, the deflate data or the trailer of either member; none at the end of the first.
        for (int cut = 0; cut < gz.length; cut++) {
            if (cut == first.length) {
                continue;
            }
            Decoded decoded = decode(Arrays.copyOf(gz, cut), inputBuffer, 4096);

            assertThat(decoded.failure()).as("cut after %d of %d bytes", cut, gz.length).isInstanceOf(EOFException.class);
        }
    }

    @ParameterizedTest(name = "input buffer of {0} bytes")
    @ValueSource(ints = {1, 64 * 1024})
    void aStreamCutBetweenMembersIsTheShorterStreamItLooksLike(int inputBuffer) {
        byte[] first = Gzip.gzip(FIRST);
        byte[] gz = Gzip.concatenated(first, Gzip.gzip(SECOND));

        // Nothing in gzip says that another member should follow: this cut cannot be told from a shorter file.
        Decoded decoded = decode(Arrays.copyOf(gz, first.length), inputBuffer, 4096);

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.bytes()).isEqualTo(FIRST);
    }

    @ParameterizedTest(name = "input buffer of {0} bytes")
    @ValueSource(ints = {1, 7, 64 * 1024})
    void whatFollowsTheLastMemberFailsAfterEveryByteOfIt(int inputBuffer) {
        byte[] gz = Gzip.gzip(FIRST);

        for (byte[] garbage : List.of("garbage\n".getBytes(), new byte[] {0}, new byte[512], new byte[] {0x1f, 0x00})) {
            Decoded decoded = decode(Gzip.withTrailingGarbage(gz, garbage), inputBuffer, 4096);

            assertThat(decoded.bytes()).isEqualTo(FIRST);
            assertThat(decoded.failure()).hasMessage("garbage after a valid .gz stream");
        }
    }

    @ParameterizedTest(name = "input buffer of {0} bytes")
    @ValueSource(ints = {1, 64 * 1024})
    void aWrongCrcOrSizeFails(int inputBuffer) {
        byte[] crc = Gzip.withFlippedCrcByte(Gzip.gzip(FIRST));
        byte[] size = Gzip.gzip(FIRST);
        size[size.length - 1] ^= 0x01;

        assertThat(decode(crc, inputBuffer, 4096).failure()).hasMessageContaining("CRC32 mismatch");
        assertThat(decode(size, inputBuffer, 4096).failure()).hasMessageContaining("size mismatch");
    }

    @ParameterizedTest(name = "input buffer of {0} bytes")
    @ValueSource(ints = {1, 64 * 1024})
    void theOptionalHeaderFieldsAreSkipped(int inputBuffer) {
        byte[] plain = Gzip.gzip(FIRST);
        // The same member with FEXTRA, FNAME, FCOMMENT and FHCRC set, each field present.
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        member.write(0x1f);
        member.write(0x8b);
        member.write(8);
        member.write(0x04 | 0x08 | 0x10 | 0x02);
        member.writeBytes(new byte[6]);
        member.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
        member.writeBytes("name.json\0".getBytes());
        member.writeBytes("a comment\0".getBytes());
        CRC32 headerCrc = new CRC32();
        headerCrc.update(member.toByteArray());
        member.write((int) headerCrc.getValue() & 0xff);
        member.write((int) (headerCrc.getValue() >>> 8) & 0xff);
        member.writeBytes(Arrays.copyOfRange(plain, 10, plain.length));

        Decoded decoded = decode(member.toByteArray(), inputBuffer, 4096);

        assertThat(decoded.failure()).isNull();
        assertThat(decoded.bytes()).isEqualTo(FIRST);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A source that hands over one byte per read, as a slow connection may. */
    static final class OneByteReads extends InputStream {
        private final ByteArrayInputStream in;

        OneByteReads(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return len == 0 ? 0 : in.read(b, off, 1);
        }
    }
}
