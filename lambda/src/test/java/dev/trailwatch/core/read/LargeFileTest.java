package dev.trailwatch.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB (decompressed) log file is read within a 256 MB heap, with the exact record count. The file is made by the
 * generator as it is read, in a JVM of its own started with {@code -Xmx256m}. Memory is asserted, not time.
 */
class LargeFileTest {

    private static final long ONE_GIB = 1L << 30;

    @Test
    void aOneGibFileIsReadInA256MbHeapWithTheExactCounts() throws Exception {
        String javaHome = System.getProperty("java.home");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(), "-Xmx256m",
                "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", classpath, LargeFileCheck.class.getName(), Long.toString(ONE_GIB))
                .redirectErrorStream(true);
        builder.environment().put("CLASSPATH", classpath);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("LargeFileCheck: " + text.strip());

        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).doesNotContain("OutOfMemoryError");
        java.util.regex.Matcher heap = java.util.regex.Pattern.compile("maxHeapMB=(\\d+)").matcher(text);
        assertThat(heap.find()).isTrue();
        assertThat(Integer.parseInt(heap.group(1))).isLessThanOrEqualTo(256);
    }
}
