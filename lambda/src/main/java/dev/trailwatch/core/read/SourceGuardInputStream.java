package dev.trailwatch.core.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marks I/O failures of the underlying source, so that a dropped S3 connection is retried while a bad gzip
 * stream fails the file: both arrive as IOException through the decompressor and the parser.
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
