package dev.trailwatch.core.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marks I/O failures of the underlying source, so that a dropped S3 connection is retried while a bad gzip
 * stream fails the file: both arrive as IOException through the decompressor and the parser.
 *
 * <p>It is where the reader's streams end and the caller's begins, so closing it leaves the caller's stream open:
 * that stream is its owner's to close. The function aborts an S3 download it did not read to the end, which a
 * close here would defeat by first reading the rest of the object.
 */
final class SourceGuardInputStream extends FilterInputStream {

    private long bytesRead;

    SourceGuardInputStream(InputStream in) {
        super(in);
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            if (b >= 0) {
                bytesRead++;
            }
            return b;
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }

    /** Leaves the caller's stream open (see above); the parser and the decompressor still close what is theirs. */
    @Override
    public void close() {
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }
}
