package dev.trailwatch.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures what a test writes to stdout and stderr (where the function's log lines and metric documents go),
 * while still passing it on to the originals, which surefire writes to target/surefire-reports/CLASS-output.txt.
 */
public final class CapturedOutput implements BeforeEachCallback, AfterEachCallback {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut, stdout), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, stderr), true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Everything written to stdout and stderr so far. */
    synchronized String all() {
        return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    /** The lines written to stdout so far. */
    synchronized List<String> lines() {
        String text = stdout.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
    }

    /** Every stdout line parsed as JSON; fails if one is not. */
    public List<JsonNode> jsonLines() {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines()) {
            try {
                parsed.add(MAPPER.readTree(line));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return parsed;
    }

    /** The log lines (not metric documents) whose message is {@code message}. */
    public List<JsonNode> logLines(String message) {
        return jsonLines().stream().filter(l -> message.equals(l.path("message").asText(null))).toList();
    }

    /** The embedded-metric documents written so far. */
    public List<JsonNode> metricDocuments() {
        return jsonLines().stream().filter(l -> l.has("_aws")).toList();
    }

    public void clear() {
        synchronized (this) {
            stdout.reset();
            stderr.reset();
        }
    }

    private final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (CapturedOutput.this) {
                copy.write(b);
            }
            writeOriginal(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (CapturedOutput.this) {
                copy.write(b, off, len);
            }
            writeOriginal(b, off, len);
        }

        private void writeOriginal(byte[] b, int off, int len) {
            try {
                original.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
