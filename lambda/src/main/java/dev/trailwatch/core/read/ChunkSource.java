package dev.trailwatch.core.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * Hands the decompressed bytes of one file over in large chunks. The first chunks are read on the caller's thread;
 * past that, when the machine has a second core, one background thread decompresses ahead while the caller scans,
 * a few chunks at most, so the two stages overlap. A failure of the source or of the decompressor reaches the
 * caller in stream order: after every byte that came before it.
 */
final class ChunkSource implements Closeable {

    /** A block of bytes; {@code error} (or the end, when {@code last}) comes after them. */
    static final class Chunk {
        final byte[] buf;
        int len;
        boolean last;
        Throwable error;
        /** The whole file's decoded array ({@link #inPlace}): the reader may keep and scan it, room after it included. */
        final boolean wholeFile;

        Chunk(int size) {
            buf = new byte[size];
            wholeFile = false;
        }

        private Chunk(DecodedBytes decoded) {
            buf = decoded.array();
            len = decoded.length();
            last = true;
            wholeFile = true;
        }
    }

    private final InputStream in;
    private final int inlineChunks;
    private final Object lock = new Object();
    private final ArrayDeque<Chunk> free = new ArrayDeque<>();
    private final ArrayDeque<Chunk> full = new ArrayDeque<>();
    private int handedOut;
    private Thread worker;
    private boolean closed;
    private boolean ended;
    private Chunk whole;

    /**
     * @param inlineChunks chunks read on the caller's thread before a background thread takes over; a negative
     *     value never starts one
     */
    ChunkSource(InputStream in, int chunkSize, int chunks, int inlineChunks) {
        this.in = in;
        this.inlineChunks = inlineChunks;
        for (int i = 0; i < chunks; i++) {
            free.add(new Chunk(chunkSize));
        }
    }

    /** The whole decoded file as one last chunk that is its own array: nothing is copied, no thread started. */
    static ChunkSource inPlace(DecodedBytes decoded) {
        ChunkSource source = new ChunkSource(decoded, 0, 0, -1);
        source.whole = new Chunk(decoded);
        return source;
    }

    static int defaultInlineChunks() {
        return Runtime.getRuntime().availableProcessors() > 1 ? 2 : -1;
    }

    /** The next chunk, in order; {@link #release} it once its bytes are copied. Null after the last one. */
    Chunk next() throws IOException {
        if (ended) {
            return null;
        }
        if (whole != null) {
            ended = true;
            return whole;
        }
        Chunk c;
        if (worker == null && (inlineChunks < 0 || handedOut < inlineChunks)) {
            c = free.poll();
            fill(c);
        } else {
            if (worker == null) {
                startWorker();
            }
            c = take();
        }
        handedOut++;
        if (c.last) {
            ended = true;
        }
        return c;
    }

    void release(Chunk c) {
        if (c.wholeFile) {
            return; // not ours to reuse: it goes back to its owner when the source is closed
        }
        c.len = 0;
        c.last = false;
        c.error = null;
        synchronized (lock) {
            free.add(c);
            lock.notifyAll();
        }
    }

    /** Rethrows a failure carried by a chunk, as it was thrown by the source. */
    static void rethrow(Throwable error) throws IOException {
        if (error instanceof IOException io) {
            throw io;
        }
        if (error instanceof RuntimeException re) {
            throw re;
        }
        throw (Error) error;
    }

    private Chunk take() throws IOException {
        synchronized (lock) {
            while (full.isEmpty()) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for decompressed data");
                }
            }
            return full.poll();
        }
    }

    private void startWorker() {
        worker = new Thread(this::work, "trailwatch-inflate");
        worker.setDaemon(true);
        worker.start();
    }

    private void work() {
        while (true) {
            Chunk c;
            synchronized (lock) {
                while (free.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                c = free.poll();
            }
            fill(c);
            synchronized (lock) {
                full.add(c);
                lock.notifyAll();
                if (c.last || closed) {
                    return;
                }
            }
        }
    }

    /** Fills a chunk to the brim, or to the end or the first failure of the stream. */
    private void fill(Chunk c) {
        int n = 0;
        try {
            while (n < c.buf.length) {
                int r = in.read(c.buf, n, c.buf.length - n);
                if (r < 0) {
                    c.last = true;
                    break;
                }
                n += r;
            }
        } catch (Throwable t) {
            c.error = t;
            c.last = true;
        }
        c.len = n;
    }

    /** Stops the background thread (waiting for a read in progress to return), then closes the stream. */
    @Override
    public void close() throws IOException {
        Thread w;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            w = worker;
        }
        if (w != null) {
            try {
                w.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        in.close();
    }
}
