package dev.trailwatch.testing;

import java.io.IOException;
import java.io.InputStream;

/**
 * A source that gives the first {@code failAt} bytes of {@code data}, then fails as a dropped connection does
 * ({@code IOException("connection reset")}) on every read after.
 */
public final class FailingAfter extends InputStream {

    private final byte[] data;
    private final int failAt;
    private final boolean sizeKnown;
    private int pos;

    private FailingAfter(byte[] data, int failAt, boolean sizeKnown) {
        this.data = data;
        this.failAt = failAt;
        this.sizeKnown = sizeKnown;
    }

    /** As a download: {@link #available()} is 0, it tells nothing of what is still to come. */
    public static FailingAfter download(byte[] data, int failAt) {
        return new FailingAfter(data, failAt, false);
    }

    /** As a local file on a failing disk: {@link #available()} says the whole of {@code data} is still to come. */
    public static FailingAfter file(byte[] data, int failAt) {
        return new FailingAfter(data, failAt, true);
    }

    @Override
    public int available() {
        return sizeKnown ? data.length - pos : 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= failAt) {
            throw new IOException("connection reset");
        }
        int n = Math.min(len, failAt - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
