package dev.trailwatch.lambda;

import dev.trailwatch.testing.FakeLambdaContext;
import dev.trailwatch.testing.FaultInjector;
import dev.trailwatch.testing.GlobalFaultInjector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays Lambda's runtime for {@link ShadedJarIT}: runs in a JVM of its own with nothing on the class path but
 * lambda.jar, this class and test-support (for the shared Lambda context fake, which needs only the jar's Lambda
 * interfaces, and {@link GlobalFaultInjector}, which the SDK adds to the jar's own clients through the global
 * interceptors file that {@link ShadedJarIT} puts beside this class), builds a handler through its no-arg
 * constructor (so from the environment, as Lambda does) and invokes it once.
 *
 * <p>Arguments: {@code PAYLOAD_FILE ANSWER_FILE [FAILED_PUBLISH_ATTEMPTS]}: the first N Publish attempts fail with
 * SNS's 500 InternalError. The Publish attempts, injected failures and successes are written to
 * {@code ANSWER_FILE.publish}, separated by spaces.
 */
public final class JarRunner {

    private JarRunner() {
    }

    public static void main(String[] args) throws Exception {
        byte[] payload = Files.readAllBytes(Path.of(args[0]));
        FaultInjector faults = GlobalFaultInjector.faults();
        if (args.length > 2) {
            faults.failAttempts("Publish", Integer.parseInt(args[2]), FaultInjector.snsInternalError());
        }
        // The stream overload, as Lambda's runtime picks it for TrailWatchHandler::handleRequest.
        TrailWatchHandler handler = new TrailWatchHandler();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), answer, FakeLambdaContext.plenty());
        Files.write(Path.of(args[1]), answer.toByteArray());
        Files.writeString(Path.of(args[1] + ".publish"), faults.attempts("Publish") + " "
                + faults.injectedFailures("Publish") + " " + faults.successes("Publish"));
    }
}
