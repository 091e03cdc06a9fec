package dev.trailwatch.local.input;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JNI bridge ({@code src/main/c/trailwatch_gzip.c}, in the runner's {@link NativeBridge native library}) to the
 * system's libdeflate ({@code libdeflate.so.0}: Debian's package {@code libdeflate0}). Either may be missing, on
 * another system or architecture; then {@link #available()} says false and nothing else is called.
 * {@code -Dtrailwatch.gzip=zlib} switches it off, to compare the two decoders (the benchmark does).
 */
final class Libdeflate {

    static final int SUCCESS = 0;

    private static final Logger LOG = LoggerFactory.getLogger(Libdeflate.class);
    private static final boolean AVAILABLE = !switchedOff() && NativeBridge.loaded() && found();

    private Libdeflate() {
    }

    /** True when the bridge is loaded and it found libdeflate. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Decodes the one gzip member that starts at {@code in[inOff]} into {@code out[outOff...]}, checking its CRC-32
     * and size. Only call when {@link #available()}.
     *
     * @param done on success, {@code done[0]} is the member's length in {@code in}, {@code done[1]} its decoded length
     * @return {@link #SUCCESS}, or libdeflate's reason for refusing (1 bad data, 3 not enough room in {@code out}),
     *     or -1 when it could not allocate a decoder
     */
    static native int gzipDecompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen, long[] done);

    /** True when {@code -Dtrailwatch.gzip=zlib} keeps libdeflate from being used. */
    static boolean switchedOff() {
        return "zlib".equals(System.getProperty("trailwatch.gzip"));
    }

    private static native boolean libraryFound();

    private static boolean found() {
        boolean found = libraryFound();
        LOG.debug(found ? "gzip is decoded by libdeflate" : "libdeflate.so.0 not found; gzip is decoded by zlib");
        return found;
    }
}
