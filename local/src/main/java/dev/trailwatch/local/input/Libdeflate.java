package dev.trailwatch.local.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JNI bridge ({@code src/main/c/trailwatch_gzip.c}, built into the jar on Linux when the build machine has gcc)
 * to the system's libdeflate ({@code libdeflate.so.0}: Debian's package {@code libdeflate0}). Either may be
 * missing, on another system or architecture; then {@link #available()} says false and nothing else is called.
 * {@code -Dtrailwatch.gzip=zlib} switches it off, to compare the two decoders (the benchmark does).
 */
final class Libdeflate {

    static final int SUCCESS = 0;

    private static final Logger LOG = LoggerFactory.getLogger(Libdeflate.class);
    private static final String LIBRARY = "/dev/trailwatch/local/native/linux-" + System.getProperty("os.arch")
            + "/libtrailwatch-gzip.so";
    private static final boolean AVAILABLE = load();

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

    /** True when {@code -Dtrailwatch.gzip=zlib} keeps the bridge from loading. */
    static boolean switchedOff() {
        return "zlib".equals(System.getProperty("trailwatch.gzip"));
    }

    private static native boolean libraryFound();

    private static boolean load() {
        if (switchedOff()) {
            return false;
        }
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        try (InputStream bridge = Libdeflate.class.getResourceAsStream(LIBRARY)) {
            if (bridge == null) {
                LOG.debug("no libdeflate bridge for this architecture in the jar; gzip is decoded by zlib");
                return false;
            }
            // A library inside a jar cannot be loaded from there: copy it out, load it, and remove the copy (the
            // loaded library stays mapped), so that nothing is left behind.
            Path copy = Files.createTempFile("trailwatch-gzip", ".so");
            try {
                Files.copy(bridge, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(copy);
            }
            boolean found = libraryFound();
            LOG.debug(found ? "gzip is decoded by libdeflate" : "libdeflate.so.0 not found; gzip is decoded by zlib");
            return found;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            LOG.debug("the libdeflate bridge did not load ({}); gzip is decoded by zlib", e.toString());
            return false;
        }
    }
}
