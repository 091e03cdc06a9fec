package dev.trailwatch.core.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * How {@link LogFileReader} turns a gzip file into its JSON bytes. The reader's own decoder streams: memory bounded
 * by its buffers, and every fault reported with its exact reason after the records that came before it. A runner
 * that has a faster decoder for whole buffers may decode a file at once instead; whatever it cannot decode (a
 * fault, a file too large for its memory) it must hand to {@link #streaming(InputStream)} with every byte it took,
 * so that a bad file reads the same either way.
 */
@FunctionalInterface
public interface GzipDecoding {

    /**
     * The streaming decoder's reads from the source: blocks of this many bytes. A whole-file decoder that reads
     * its input in the same blocks sees a failing source deliver exactly the bytes the streaming one would.
     */
    int STREAMING_BLOCK = 64 * 1024;

    /** The reader's own decoder, on the JDK's zlib. */
    GzipDecoding STREAMING = GzipDecoding::streaming;

    /**
     * @param gzip the file's bytes, from its first one (the gzip magic); closing the returned stream closes it
     * @return the decompressed bytes
     */
    InputStream open(InputStream gzip) throws IOException;

    /** The streaming decoder over {@code gzip}: strict RFC 1952, concatenated members as one stream. */
    static InputStream streaming(InputStream gzip) {
        return new GzipDecoder(gzip, STREAMING_BLOCK);
    }
}
