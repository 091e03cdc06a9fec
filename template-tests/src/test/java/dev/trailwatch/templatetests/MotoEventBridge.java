package dev.trailwatch.templatetests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * moto's server ({@code python3 -m moto.server}) as EventBridge and SQS, spoken to in their JSON protocols over
 * plain HTTP: this module has no AWS SDK, and moto checks no signature. The server exits when its standard input,
 * a pipe from this JVM, closes, so a killed JVM leaves none behind; {@link #close} ends it at once.
 */
final class MotoEventBridge implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LAUNCHER = String.join("\n",
            "import os, sys, threading",
            "from moto.server import main",
            "def exit_when_stdin_closes():",
            "    sys.stdin.buffer.read()",
            "    os._exit(0)",
            "threading.Thread(target=exit_when_stdin_closes, daemon=True).start()",
            "main(sys.argv[1:])");
    /** moto reads the region from the credential scope; the signature itself is never checked. */
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/%s/aws4_request,"
            + " SignedHeaders=host, Signature=0";

    private final Process process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    private MotoEventBridge(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/");
    }

    static MotoEventBridge start(Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder("python3", "-c", LAUNCHER, "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        MotoEventBridge moto = new MotoEventBridge(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                moto.http.send(HttpRequest.newBuilder(moto.endpoint.resolve("/moto-api/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                return moto;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        moto.close();
        throw new IllegalStateException("moto's server did not start (is moto installed? pip install 'moto[server]');"
                + " see " + log);
    }

    /** An SQS queue; returns its URL and ARN. */
    List<String> createQueue(String name) {
        String url = sqs("CreateQueue", Map.of("QueueName", name)).path("QueueUrl").asText();
        String arn = sqs("GetQueueAttributes", Map.of("QueueUrl", url, "AttributeNames", List.of("QueueArn")))
                .at("/Attributes/QueueArn").asText();
        return List.of(url, arn);
    }

    /** A rule on the default bus with the pattern, sending to the queue. */
    void putRule(String name, String eventPattern, String queueArn) {
        events("PutRule", Map.of("Name", name, "EventPattern", eventPattern, "State", "ENABLED"));
        events("PutTargets", Map.of("Rule", name, "Targets", List.of(Map.of("Id", "queue", "Arn", queueArn))));
    }

    /** PutEvents of one event on the default bus; fails unless EventBridge took it. */
    void putEvent(String source, String detailType, JsonNode detail) {
        JsonNode answer = events("PutEvents", Map.of("Entries", List.of(Map.of(
                "Source", source, "DetailType", detailType, "Detail", detail.toString()))));
        if (answer.path("FailedEntryCount").asInt() != 0) {
            throw new IllegalStateException("PutEvents refused the event: " + answer);
        }
    }

    /** Every message in the queue so far, as parsed JSON bodies. */
    List<JsonNode> drain(String queueUrl) {
        List<JsonNode> bodies = new ArrayList<>();
        while (true) {
            JsonNode answer = sqs("ReceiveMessage", Map.of("QueueUrl", queueUrl, "MaxNumberOfMessages", 10,
                    "VisibilityTimeout", 300, "WaitTimeSeconds", 0));
            if (answer.path("Messages").isEmpty()) {
                return bodies;
            }
            for (JsonNode message : answer.path("Messages")) {
                try {
                    bodies.add(MAPPER.readTree(message.path("Body").asText()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private JsonNode events(String action, Object body) {
        return call("events", "AWSEvents." + action, "application/x-amz-json-1.1", body);
    }

    private JsonNode sqs(String action, Object body) {
        return call("sqs", "AmazonSQS." + action, "application/x-amz-json-1.0", body);
    }

    private JsonNode call(String service, String target, String contentType, Object body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .header("X-Amz-Target", target)
                    .header("Content-Type", contentType)
                    .header("Authorization", AUTHORIZATION.formatted(service))
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(target + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // Ending it by force below.
        }
        process.destroyForcibly();
    }
}
