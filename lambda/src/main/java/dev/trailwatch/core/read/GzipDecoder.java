package dev.trailwatch.core.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A strict gzip (RFC 1952) decoder on the JDK's {@link Inflater}: concatenated members are one stream, and anything
 * after the last member that is not another member fails, as does a bad CRC, a wrong size or a cut stream
 * ({@link EOFException}). It reads its input in large blocks and inflates straight into the caller's buffer, so
 * it drains as fast as the JDK's own {@code GZIPInputStream}, which is laxer (it may ignore trailing garbage).
 */
final class GzipDecoder extends InputStream {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED = 0xe0;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf;
    private int bufPos;
    private int bufEnd;
    private long memberSize;
    private boolean inMember;
    private boolean seenMember;
    private boolean finished;

    GzipDecoder(InputStream in, int inputBufferSize) {
        this.in = in;
        this.buf = new byte[inputBufferSize];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // inflate may return 0 while it needs more input; keep going
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (finished) {
                return -1;
            }
            if (!inMember) {
                readHeader();
                continue;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new IOException("corrupt deflate data: " + e.getMessage(), e);
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                int remaining = inflater.getRemaining();
                bufPos = bufEnd - remaining;
                readTrailer();
                continue;
            }
            if (inflater.needsDictionary()) {
                throw new IOException("corrupt deflate data: a preset dictionary is not allowed in gzip");
            }
            if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException();
                }
                inflater.setInput(buf, bufPos, bufEnd - bufPos);
                bufPos = bufEnd;
            }
        }
    }

    /** Reads the header of the first member, or decides what follows a member: another one, the end, or garbage. */
    private void readHeader() throws IOException {
        boolean first = !seenMember;
        int id1 = readByteOrEnd();
        if (id1 < 0) {
            if (first) {
                throw new EOFException();
            }
            finished = true;
            return;
        }
        int id2 = readByteOrEnd();
        if (id1 == 0x1f && id2 < 0) {
            throw new EOFException(); // the first byte of a member, then the end: a cut, not garbage
        }
        if (id1 != 0x1f || id2 != 0x8b) {
            if (first) {
                throw new IOException("not in gzip format");
            }
            throw new IOException("garbage after a valid .gz stream");
        }
        int method = readByte();
        if (method != 8) {
            throw new IOException("unsupported compression method " + method + " in the .gz header");
        }
        int flags = readByte();
        if ((flags & RESERVED) != 0) {
            throw new IOException("reserved flags are set in the .gz header");
        }
        skip(6); // MTIME, XFL, OS
        if ((flags & FEXTRA) != 0) {
            int xlen = readByte() | (readByte() << 8);
            skip(xlen);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        inMember = true;
        seenMember = true;
        if (bufPos < bufEnd) {
            inflater.setInput(buf, bufPos, bufEnd - bufPos);
            bufPos = bufEnd;
        }
    }

    private void readTrailer() throws IOException {
        long expectedCrc = readIntLe();
        long expectedSize = readIntLe();
        if (expectedCrc != crc.getValue()) {
            throw new IOException("CRC32 mismatch: the gzip data is corrupt");
        }
        if (expectedSize != (memberSize & 0xffffffffL)) {
            throw new IOException("size mismatch: the gzip data is corrupt");
        }
        inMember = false;
    }

    private long readIntLe() throws IOException {
        return (readByte() | (readByte() << 8) | (readByte() << 16) | ((long) readByte() << 24)) & 0xffffffffL;
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            readByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // skip
        }
    }

    private int readByte() throws IOException {
        int b = readByteOrEnd();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private int readByteOrEnd() throws IOException {
        if (bufPos >= bufEnd && !fill()) {
            return -1;
        }
        return buf[bufPos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            bufPos = bufEnd = 0;
            return false;
        }
        bufPos = 0;
        bufEnd = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
