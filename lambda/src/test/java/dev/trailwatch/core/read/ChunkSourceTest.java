package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunk source on its own: on the caller's thread (-1), on a background thread from the start (0) or after the
 * first chunk (1), over a source that hands over one byte per read.
 */
class ChunkSourceTest {

    private static final byte[] DATA = new byte[10_007];

    static {
        new SplittableRandom(7).nextBytes(DATA);
    }

    /** What the chunks held, in order, and how they ended. */
    private record Drained(byte[] bytes, int chunks, int shortChunks, Throwable error) {
    }

    private static Drained drain(ChunkSource source, int chunkSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunks = 0;
        int shortChunks = 0;
        Throwable error = null;
        ChunkSource.Chunk c;
        while ((c = source.next()) != null) {
            chunks++;
            out.write(c.buf, 0, c.len);
            if (c.len < chunkSize && !c.last) {
                shortChunks++;
            }
            if (c.last) {
                error = c.error;
            }
            source.release(c);
        }
        return new Drained(out.toByteArray(), chunks, shortChunks, error);
    }

    @ParameterizedTest(name = "inline chunks: {0}")
    @ValueSource(ints = {-1, 0, 1})
    void everyChunkButTheLastIsFullAndTheBytesComeInOrder(int inline) throws IOException {
        try (ChunkSource source = new ChunkSource(new OneByteReads(DATA, DATA.length), 7, 3, inline)) {
            Drained drained = drain(source, 7);

            assertThat(drained.bytes()).isEqualTo(DATA);
            assertThat(drained.shortChunks()).isZero();
            assertThat(drained.chunks()).isEqualTo(DATA.length / 7 + 1);
            assertThat(drained.error()).isNull();
            assertThat(source.next()).as("after the last chunk").isNull();
        }
    }

    @ParameterizedTest(name = "inline chunks: {0}")
    @ValueSource(ints = {-1, 0, 1})
    void aFailureOfTheSourceComesAfterEveryByteReadBeforeIt(int inline) throws IOException {
        try (ChunkSource source = new ChunkSource(new OneByteReads(DATA, 5_000), 64, 3, inline)) {
            Drained drained = drain(source, 64);

            assertThat(drained.bytes()).isEqualTo(java.util.Arrays.copyOf(DATA, 5_000));
            assertThat(drained.error()).isInstanceOf(IOException.class).hasMessage("connection reset");
        }
    }

    @ParameterizedTest(name = "inline chunks: {0}")
    @ValueSource(ints = {-1, 0})
    void anEmptySourceGivesOneEmptyLastChunk(int inline) throws IOException {
        try (ChunkSource source = new ChunkSource(new ByteArrayInputStream(new byte[0]), 64, 2, inline)) {
            ChunkSource.Chunk only = source.next();

            assertThat(only.len).isZero();
            assertThat(only.last).isTrue();
            assertThat(only.error).isNull();
            source.release(only);
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void aWholeDecodedFileIsOneLastChunkThatIsItsOwnArray() throws IOException {
        byte[] bytes = new byte[100 + DecodedBytes.ROOM_AFTER];
        AtomicInteger handedBack = new AtomicInteger();
        DecodedBytes decoded = new DecodedBytes(bytes, 100, handedBack::incrementAndGet);
        ChunkSource source = ChunkSource.inPlace(decoded);

        ChunkSource.Chunk chunk = source.next();
        source.release(chunk);

        assertThat(chunk.buf).isSameAs(bytes);
        assertThat(chunk.len).isEqualTo(100);
        assertThat(chunk.last).isTrue();
        assertThat(chunk.wholeFile).isTrue();
        assertThat(source.next()).isNull();
        assertThat(handedBack).as("still the reader's until closed").hasValue(0);
        source.close();
        source.close();
        assertThat(handedBack).hasValue(1);
    }

    @Test
    void noMoreBuffersThanGivenAreEverUsed() throws IOException {
        Set<byte[]> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
        try (ChunkSource source = new ChunkSource(new ByteArrayInputStream(DATA), 16, 3, 0)) {
            ChunkSource.Chunk c;
            while ((c = source.next()) != null) {
                buffers.add(c.buf);
                source.release(c);
            }
        }

        assertThat(buffers).hasSizeBetween(1, 3);
    }

    @Test
    void closingStopsTheBackgroundThreadBeforeItClosesTheStream() throws Exception {
        // Two chunks, one held by the caller: the background thread fills the other, then waits for a free one.
        OneByteReads in = new OneByteReads(DATA, DATA.length);
        ChunkSource source = new ChunkSource(in, 16, 2, 0);
        ChunkSource.Chunk held = source.next();
        assertThat(in.secondChunkRead.await(10, TimeUnit.SECONDS)).as("the background thread read ahead").isTrue();

        source.close();

        assertThat(in.reader.isAlive()).as("the background thread").isFalse();
        assertThat(in.closed).isTrue();
        assertThat(in.readsAfterClose).isZero();
        assertThat(held.len).isEqualTo(16);
    }

    /**
     * Hands over one byte per read, then fails as a dropped connection does after {@code failAt} bytes (or ends,
     * when that is the length). Remembers which thread read and whether it was read after it was closed.
     */
    private static final class OneByteReads extends InputStream {
        private final byte[] data;
        private final int failAt;
        private int pos;
        final CountDownLatch secondChunkRead = new CountDownLatch(1);
        volatile Thread reader;
        volatile boolean closed;
        volatile int readsAfterClose;

        OneByteReads(byte[] data, int failAt) {
            this.data = data;
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                readsAfterClose++;
            }
            reader = Thread.currentThread();
            if (pos >= failAt) {
                if (failAt < data.length) {
                    throw new IOException("connection reset");
                }
                return -1;
            }
            b[off] = data[pos++];
            if (pos == 32) {
                secondChunkRead.countDown();
            }
            return 1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
