package dev.trailwatch.local.input;

import dev.trailwatch.core.read.DecodedBytes;
import dev.trailwatch.core.read.GzipDecoding;
import dev.trailwatch.core.read.InPlaceScanLoop;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;

/**
 * Decodes a gzip log file in one call to libdeflate, about twice as fast as the JDK's zlib (BENCHMARKS.md), when the
 * file and what it decodes to fit in memory; with zlib, inflating is a third of the local runner's CPU.
 *
 * <p>A file libdeflate refuses (corrupt, cut, garbage after a member) and a file that does not fit are read by the
 * reader's streaming decoder instead, from the same bytes, so a bad file yields the same records and the same
 * reason as without libdeflate. libdeflate checks each member's CRC-32 and size, as the streaming decoder does.
 *
 * <p>Memory: while a file is read, its compressed bytes and its decoded bytes are held whole. All files read at
 * once share a budget (a quarter of the heap by default); a file that finds no room in it streams, so the heap
 * a run needs does not grow with {@code --threads} or with the files' sizes.
 */
public final class WholeFileGzip implements GzipDecoding {

    /** A 10-byte header, the shortest deflate stream (2 bytes), the 8-byte trailer. */
    private static final int SMALLEST_GZIP = 20;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Room left after the decoded bytes, so that the reader scans them where they lie. */
    private static final int ROOM = DecodedBytes.ROOM_AFTER;

    /** Buffers are sized in whole mebibytes, so that one fits the next file of about the same size. */
    private static final int ROUNDING = 1 << 20;

    private final long maxDecompressedBytes;
    /** The loop that scans a decoded file in place (the one in C), or null for the reader's own. */
    private final InPlaceScanLoop scanLoop;
    /** Free buffers; guards {@link #budgetLeft}. */
    private final ArrayDeque<byte[]> pool = new ArrayDeque<>();
    /** Bytes that buffers may still take: the budget less every buffer in use or in the pool. */
    private long budgetLeft;

    WholeFileGzip(long budgetBytes, long maxDecompressedBytes, InPlaceScanLoop scanLoop) {
        this.budgetLeft = budgetBytes;
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.scanLoop = scanLoop;
    }

    /**
     * libdeflate where it is loaded, with a quarter of the heap for files in flight; the reader's streaming decoder
     * elsewhere.
     *
     * @param maxDecompressedBytes the reader's cap: a larger file streams, and the reader stops it at the cap
     */
    public static GzipDecoding forThisMachine(long maxDecompressedBytes) {
        if (!Libdeflate.available()) {
            return GzipDecoding.STREAMING;
        }
        return new WholeFileGzip(Runtime.getRuntime().maxMemory() / 4, maxDecompressedBytes,
                NativeRecordScan.forThisMachine());
    }

    /** Which loop scans the files libdeflate decodes, in words, for {@code --version}. */
    public static String scanLoopInUse() {
        if (!Libdeflate.available()) {
            return "Java (files decoded by zlib stream through the reader's own loop)";
        }
        if (NativeRecordScan.available()) {
            return "C (files decoded whole by libdeflate)";
        }
        return NativeRecordScan.switchedOff() ? "Java (the loop in C switched off by -Dtrailwatch.scan=java)"
                : "Java";
    }

    /** Which decoder reads gzip files on this machine, in words, for {@code --version}. */
    public static String decoderInUse() {
        if (Libdeflate.available()) {
            return "libdeflate (whole files while a quarter of the heap holds them; zlib streams the rest)";
        }
        return Libdeflate.switchedOff() ? "zlib (the JDK's; libdeflate switched off by -Dtrailwatch.gzip=zlib)"
                : "zlib (the JDK's; with libdeflate installed, Debian's libdeflate0, gzip decodes about twice as fast)";
    }

    /** Bytes held by free buffers in the pool: for tests. */
    long pooledBytes() {
        synchronized (pool) {
            return pool.stream().mapToLong(b -> b.length).sum();
        }
    }

    /** Bytes of the budget not taken by buffers in use or pooled: for tests. */
    long budgetLeft() {
        synchronized (pool) {
            return budgetLeft;
        }
    }

    @Override
    public InputStream open(InputStream gzip) throws IOException {
        // A local file's stream tells how many bytes are left in it: the whole file (the reader has only peeked).
        int size = gzip.available();
        byte[] in = size < SMALLEST_GZIP ? null : borrow(size);
        if (in == null) {
            return GzipDecoding.streaming(gzip);
        }
        int n = 0;
        int next;
        try {
            while (n < size) {
                // In the streaming decoder's blocks: a read that fails loses the bytes of its own call, so a source
                // failing midway has then delivered the same bytes, and the same records come before the failure.
                int r = gzip.read(in, n, Math.min(GzipDecoding.STREAMING_BLOCK, size - n));
                if (r < 0) {
                    break;
                }
                n += r;
            }
            next = n == size ? gzip.read() : -1;
        } catch (IOException e) {
            return streamingAfter(in, n, failing(e), gzip);
        }
        if (n < size || next >= 0) {
            // The file changed size while it was read: stream what was read, then the rest, as it comes.
            InputStream rest = next < 0 ? gzip
                    : new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) next}), gzip);
            return streamingAfter(in, n, rest, gzip);
        }
        long decodedSize = uint32(in, size - 4); // the last member's size, modulo 2^32: the whole file's, for one member
        byte[] out = decodedSize == 0 || decodedSize > maxDecompressedBytes || decodedSize > MAX_ARRAY - ROOM
                ? null : borrow((int) decodedSize + ROOM);
        int decoded = out == null ? -1 : decode(in, size, out, out.length - ROOM);
        if (decoded < 0) {
            if (out != null) {
                giveBack(out);
            }
            return streamingAfter(in, n, InputStream.nullInputStream(), gzip);
        }
        giveBack(in);
        gzip.close();
        return new DecodedBytes(out, decoded, () -> giveBack(out), scanLoop);
    }

    /**
     * Decodes every member of {@code in[0, inLength)} into {@code out[0, outLength)}.
     *
     * @return the decoded length, or -1 when libdeflate refused a member, something other than a member follows
     *     one, or {@code out} is too small (several members: only the last one's size was known)
     */
    private static int decode(byte[] in, int inLength, byte[] out, int outLength) {
        long[] done = new long[2];
        int pos = 0;
        int made = 0;
        while (true) {
            int result = Libdeflate.gzipDecompress(in, pos, inLength - pos, out, made, outLength - made, done);
            if (result != Libdeflate.SUCCESS) {
                return -1;
            }
            pos += (int) done[0];
            made += (int) done[1];
            if (pos == inLength) {
                return made;
            }
            if (inLength - pos < 2 || in[pos] != 0x1f || in[pos + 1] != (byte) 0x8b) {
                return -1;
            }
        }
    }

    /** The streaming decoder over the first {@code n} bytes read into {@code read}, then {@code rest}. */
    private InputStream streamingAfter(byte[] read, int n, InputStream rest, InputStream gzip) {
        InputStream replay = new SequenceInputStream(new ByteArrayInputStream(read, 0, n), rest);
        InputStream decoder = GzipDecoding.streaming(replay);
        return new FilterInputStream(decoder) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    gzip.close();
                    if (!closed) {
                        closed = true;
                        giveBack(read);
                    }
                }
            }
        };
    }

    private static InputStream failing(IOException e) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw e;
            }
        };
    }

    private static long uint32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    /**
     * A buffer of at least {@code size} bytes: a pooled one, or a new one if the budget has room (pooled buffers
     * are dropped to make it); null when it has none. Buffers are kept because a fresh 20 MB array costs about as
     * much as decoding 20 MB (10–25 ms against 19 ms, measured): the JVM clears it and the system maps its pages.
     */
    private byte[] borrow(int size) {
        long rounded = Math.min(MAX_ARRAY, (size + ROUNDING - 1L) / ROUNDING * ROUNDING);
        synchronized (pool) {
            byte[] best = null;
            for (byte[] b : pool) {
                if (b.length >= size && (best == null || b.length < best.length)) {
                    best = b;
                }
            }
            if (best != null) {
                pool.remove(best);
                return best;
            }
            while (budgetLeft < rounded && !pool.isEmpty()) {
                budgetLeft += pool.removeFirst().length;
            }
            if (budgetLeft < rounded) {
                return null;
            }
            budgetLeft -= rounded;
        }
        return new byte[(int) rounded];
    }

    private void giveBack(byte[] buffer) {
        synchronized (pool) {
            pool.addLast(buffer);
        }
    }
}
