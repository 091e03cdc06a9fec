package dev.trailwatch.local;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a command run as a process of its own printed and returned (the jar and launcher tests). */
record ProcessRun(int status, String out, String err) {

    static final long TIMEOUT_SECONDS = 120;

    /**
     * Runs {@code command} in {@code dir} with {@code environment} added to this JVM's; it must end by itself within
     * {@link #TIMEOUT_SECONDS} (a non-daemon thread left running would keep it alive). Output goes through files, so
     * a chatty process never blocks on a full pipe.
     */
    static ProcessRun of(List<String> command, Path dir, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir.getParent(), "run-out", ".txt");
        Path err = Files.createTempFile(dir.getParent(), "run-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not exit within " + TIMEOUT_SECONDS
                        + " s (a non-daemon thread left running?)");
            }
            return new ProcessRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
