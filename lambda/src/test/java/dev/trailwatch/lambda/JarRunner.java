package dev.trailwatch.lambda;

import dev.trailwatch.testing.FakeLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays Lambda's runtime for {@link ShadedJarIT}: runs in a JVM of its own with nothing on the class path but
 * lambda.jar, this class and the shared Lambda context fake (which needs only the jar's Lambda interfaces),
 * builds a handler through its no-arg constructor (so from the environment, as Lambda does) and invokes it once.
 *
 * <p>Arguments: {@code PAYLOAD_FILE ANSWER_FILE}.
 */
public final class JarRunner {

    private JarRunner() {
    }

    public static void main(String[] args) throws Exception {
        byte[] payload = Files.readAllBytes(Path.of(args[0]));
        // The stream overload, as Lambda's runtime picks it for TrailWatchHandler::handleRequest.
        TrailWatchHandler handler = new TrailWatchHandler();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), answer, FakeLambdaContext.plenty());
        Files.write(Path.of(args[1]), answer.toByteArray());
    }
}
