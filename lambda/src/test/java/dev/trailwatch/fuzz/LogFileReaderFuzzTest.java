package dev.trailwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trailwatch.core.read.LogFileException;
import dev.trailwatch.core.FuzzAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Whatever bytes arrive, the reader either reads them or fails the file with a reason: never another exception,
 * never a kept record from another event source. Regression inputs live in
 * {@code src/test/resources/dev/trailwatch/fuzz/LogFileReaderFuzzTestInputs/}.
 */
class LogFileReaderFuzzTest {

    private static final long CAP = 8L * 1024 * 1024;

    @FuzzTest(maxDuration = "10m")
    void anyGzippedInputIsReadOrFailedWithAReason(FuzzedDataProvider data) throws IOException {
        boolean wrap = data.consumeBoolean();
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] file = wrap ? gzip(payload) : payload;
        try {
            FuzzAccess.Counts counts = FuzzAccess.read(file, CAP, record ->
                    assertThat(record.path("eventSource").asText()).isEqualTo("access-analyzer.amazonaws.com"));
            assertThat(counts.records()).isGreaterThanOrEqualTo(0);
        } catch (LogFileException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
