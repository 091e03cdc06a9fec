package dev.trailwatch.core.read;

import java.io.InputStream;
import java.util.Objects;

/**
 * A whole file's decoded bytes, as a {@link GzipDecoding} that decodes whole files returns them: {@code bytes[0,
 * length)}. When at least {@link #ROOM_AFTER} bytes of the array follow the data, the reader scans the bytes where
 * they lie instead of copying them through its buffers, and may overwrite that room; with the runner's own
 * {@link InPlaceScanLoop}, if it has one. Closing hands the array back to its owner (after which the reader no longer
 * touches it).
 */
public final class DecodedBytes extends InputStream {

    /** Bytes after the data that let the reader scan the array in place: its scanner reads up to this far ahead. */
    public static final int ROOM_AFTER = 64;

    private final byte[] bytes;
    private final int length;
    private final Runnable onClose;
    private final InPlaceScanLoop scanLoop;
    private int pos;
    private boolean closed;

    /** @param onClose run once, on the first {@link #close()} */
    public DecodedBytes(byte[] bytes, int length, Runnable onClose) {
        this(bytes, length, onClose, null);
    }

    /**
     * @param onClose run once, on the first {@link #close()}
     * @param scanLoop the loop that scans the bytes in place, or null for the reader's own
     */
    public DecodedBytes(byte[] bytes, int length, Runnable onClose, InPlaceScanLoop scanLoop) {
        Objects.checkFromIndexSize(0, length, bytes.length);
        this.bytes = bytes;
        this.length = length;
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.scanLoop = scanLoop;
    }

    /** The runner's loop for scanning in place, or null. */
    InPlaceScanLoop scanLoop() {
        return scanLoop;
    }

    int length() {
        return length;
    }

    /** The array, for scanning in place; only while the stream is open and unread. */
    byte[] array() {
        return bytes;
    }

    /** True when the reader may scan the array in place: nothing read yet, and the room after the data is there. */
    boolean scannableInPlace() {
        return pos == 0 && !closed && bytes.length - length >= ROOM_AFTER;
    }

    @Override
    public int read() {
        return pos < length && !closed ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos >= length || closed) {
            return -1;
        }
        int n = Math.min(len, length - pos);
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return closed ? 0 : length - pos;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
