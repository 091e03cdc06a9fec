package dev.trailwatch.local.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is a terminal, where a line redrawn with {@code \r} makes sense (in a log file it is noise). */
public final class Tty {

    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Tty() {
    }

    public static boolean stderrIsTerminal() {
        // Linux tells exactly, for stderr itself: the descriptor links to a terminal device.
        if (Files.isSymbolicLink(STDERR_LINK)) {
            try {
                String target = Files.readSymbolicLink(STDERR_LINK).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // Fall back on what Java knows.
            }
        }
        // Elsewhere Java (17) only knows whether the JVM has a console: stdin and stdout both on a terminal. A run
        // with stderr alone redirected still draws; --no-progress is there for that.
        return System.console() != null;
    }
}
