package dev.trailwatch.core.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops a decompression bomb as soon as the decompressed bytes pass the cap, before they are parsed. */
final class SizeCapInputStream extends FilterInputStream {

    static final class CapExceededException extends IOException {
        CapExceededException(long cap) {
            super("decompressed size passes the cap of " + cap + " bytes (MAX_DECOMPRESSED_BYTES)");
        }
    }

    private final long cap;
    private long count;

    SizeCapInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    private void add(int n) throws CapExceededException {
        count += n;
        if (count > cap) {
            throw new CapExceededException(cap);
        }
    }
}
