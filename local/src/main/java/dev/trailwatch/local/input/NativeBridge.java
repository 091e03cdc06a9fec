package dev.trailwatch.local.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runner's native library ({@code src/main/c}: the bridge to libdeflate and the record scanner's loop in
 * C), built into the jar on Linux when the build machine has gcc, and loaded from there once. On another system or
 * architecture it is not there; then {@link #loaded()} says false and the runner is all Java.
 */
final class NativeBridge {

    private static final Logger LOG = LoggerFactory.getLogger(NativeBridge.class);
    private static final String LIBRARY = "/dev/trailwatch/local/native/linux-" + System.getProperty("os.arch")
            + "/libtrailwatch-native.so";
    private static final boolean LOADED = load();

    private NativeBridge() {
    }

    /** True when the library is loaded: its native methods may be called. */
    static boolean loaded() {
        return LOADED;
    }

    private static boolean load() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        try (InputStream library = NativeBridge.class.getResourceAsStream(LIBRARY)) {
            if (library == null) {
                LOG.debug("no native library for this architecture in the jar; the runner is all Java");
                return false;
            }
            // A library inside a jar cannot be loaded from there: copy it out, load it, and remove the copy (the
            // loaded library stays mapped), so that nothing is left behind.
            Path copy = Files.createTempFile("trailwatch-native", ".so");
            try {
                Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(copy);
            }
            return true;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            LOG.debug("the native library did not load ({}); the runner is all Java", e.toString());
            return false;
        }
    }
}
