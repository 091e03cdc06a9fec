package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Plays Lambda's runtime for {@link ShadedJarIT}: runs in a JVM of its own with nothing on the class path but
 * lambda.jar and this class, builds a handler through its no-arg constructor (so from the environment, as Lambda
 * does) and invokes it once. Uses nothing that the jar does not carry.
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
        handler.handleRequest(new ByteArrayInputStream(payload), answer, new RunnerContext());
        Files.write(Path.of(args[1]), answer.toByteArray());
    }

    private static final class RunnerContext implements Context {
        private final String requestId = UUID.randomUUID().toString();

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/trailwatch-it";
        }

        @Override
        public String getLogStreamName() {
            return "it";
        }

        @Override
        public String getFunctionName() {
            return "trailwatch-it";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:111122223333:function:trailwatch-it";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 120_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
