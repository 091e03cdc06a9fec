package dev.trailwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * moto's server, the emulator of Amazon SNS and SQS (Python; {@code pip install 'moto[server]'}), for the tests of
 * code that publishes to SNS. One server per JVM: started on first use on a free port of 127.0.0.1 (moto's
 * {@code python3 -m moto.server -H 127.0.0.1 -p PORT}, run through a few lines that also make it exit when its
 * standard input, a pipe from this JVM, closes, so that a JVM that is killed leaves no server behind) and waited
 * for, its output appended to {@code target/moto-server.log} (system property {@code moto.log} to change), stopped
 * when the JVM ends. Without moto the first use fails with "install moto: pip install 'moto[server]'".
 *
 * <p>Per test class: {@code @RegisterExtension static final MotoServer SNS = MotoServer.shared();} resets moto
 * ({@code POST /moto-api/reset}) before the class, so that no topic, queue or message of another class is left.
 *
 * <p>What was published: {@link #createTopic} makes a topic and subscribes a new SQS queue to it, raw message
 * delivery off, so that each message arrives in SNS's JSON envelope (MessageId, Subject, Message,
 * MessageAttributes); {@link #publishedTo} reads that queue with the SDK's SQS client and returns every message
 * published to the topic so far. moto delivers to the queue before it answers Publish: nothing to wait for.
 *
 * <p>moto answers every valid request; it cannot be told to fail one. Errors (5xx, throttling, 4xx) are injected
 * around the clients with {@link FaultInjector}, or {@link GlobalFaultInjector} for the clients that the code under
 * test builds itself.
 */
public final class MotoServer implements BeforeAllCallback {

    public static final String REGION = "us-east-1";
    /** moto's default account, where everything made with the credentials below is. */
    public static final String ACCOUNT_ID = "123456789012";
    static final String INSTALL_HINT = "install moto: pip install 'moto[server]'";

    private static final String PYTHON = "python3";
    /** {@code python3 -m moto.server ARGS}, and an exit when standard input closes. */
    private static final String LAUNCHER = String.join("\n",
            "import os, sys, threading",
            "from moto.server import main",
            "def exit_when_stdin_closes():",
            "    sys.stdin.buffer.read()",
            "    os._exit(0)",
            "threading.Thread(target=exit_when_stdin_closes, daemon=True).start()",
            "main(sys.argv[1:])");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static MotoServer shared;

    private final Process process;
    private final int port;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();
    /** Topic ARN to the URL of the queue subscribed to it. */
    private final Map<String, String> queues = new ConcurrentHashMap<>();
    /** Topic ARN to the messages read from its queue so far. */
    private final Map<String, List<PublishedMessage>> received = new ConcurrentHashMap<>();

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.sns = snsClientBuilder().build();
        this.sqs = sqsClientBuilder().build();
    }

    /** The server of this JVM, started on first use and stopped at JVM exit. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            MotoServer server = start(PYTHON);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "moto-server-shutdown"));
            shared = server;
        }
        return shared;
    }

    /** {@code http://127.0.0.1:PORT}, for the SDK's {@code endpointOverride} or {@code AWS_ENDPOINT_URL_SNS}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The log file moto's server writes to. */
    public static Path log() {
        return Path.of(System.getProperty("moto.log", "target/moto-server.log")).toAbsolutePath();
    }

    /**
     * An SNS client builder set up for this server: url-connection HTTP client, static credentials, region
     * us-east-1, endpoint override; everything else (retry strategy included) is the SDK's default.
     */
    public SnsClientBuilder snsClientBuilder() {
        return SnsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.of(REGION))
                .endpointOverride(endpoint());
    }

    /** An SNS client from {@link #snsClientBuilder()} with the given interceptors; closed at JVM exit. */
    public SnsClient snsClient(ExecutionInterceptor... interceptors) {
        SnsClient client = snsClientBuilder()
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .build();
        clients.add(client);
        return client;
    }

    /** An SQS client builder set up like {@link #snsClientBuilder()}. */
    public SqsClientBuilder sqsClientBuilder() {
        return SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.of(REGION))
                .endpointOverride(endpoint());
    }

    /**
     * Creates the topic (CreateTopic: the same name gives the same topic) with a new SQS queue subscribed to it,
     * and returns the topic's ARN.
     */
    public String createTopic(String name) {
        String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
        queues.computeIfAbsent(topicArn, this::subscribeNewQueue);
        return topicArn;
    }

    private String subscribeNewQueue(String topicArn) {
        String queueUrl = sqs.createQueue(b -> b.queueName("published-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        // RawMessageDelivery stays false: the queue gets SNS's envelope, subject and attributes included.
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return queueUrl;
    }

    /**
     * Every message published to the topic (made with {@link #createTopic}) so far, in the order the queue gave
     * them: reads and deletes what arrived since the last call, and keeps it.
     */
    public List<PublishedMessage> publishedTo(String topicArn) {
        String queueUrl = queues.get(topicArn);
        if (queueUrl == null) {
            throw new IllegalArgumentException("no queue is subscribed to " + topicArn + ": create it with createTopic");
        }
        List<PublishedMessage> messages = received.computeIfAbsent(topicArn, arn -> new ArrayList<>());
        synchronized (messages) {
            while (true) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(0).visibilityTimeout(300)).messages();
                if (batch.isEmpty()) {
                    return List.copyOf(messages);
                }
                List<DeleteMessageBatchRequestEntry> read = new ArrayList<>();
                for (Message message : batch) {
                    messages.add(PublishedMessage.fromEnvelope(message.body()));
                    read.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(read.size()))
                            .receiptHandle(message.receiptHandle()).build());
                }
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(read));
            }
        }
    }

    /**
     * Subscribes {@code endpoint} to the topic over {@code protocol} (http, https, email, …), with a filter policy on
     * the message attributes when {@code filterPolicy} (JSON) is not null; returns the subscription's ARN.
     */
    public String subscribe(String topicArn, String protocol, String endpoint, String filterPolicy) {
        return sns.subscribe(b -> {
            b.topicArn(topicArn).protocol(protocol).endpoint(endpoint).returnSubscriptionArn(true);
            if (filterPolicy != null) {
                b.attributes(Map.of("FilterPolicy", filterPolicy));
            }
        }).subscriptionArn();
    }

    /**
     * The {@code Message} of every Publish to the topic as moto recorded it (from its {@code /moto-api/data.json}),
     * before any per-protocol choice: for a {@code MessageStructure=json} publish, the whole JSON document.
     */
    public List<String> publishRequests(String topicArn) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/moto-api/data.json").toURL()
                    .openConnection();
            try (InputStream in = connection.getInputStream()) {
                JsonNode data = new ObjectMapper().readTree(in);
                List<String> messages = new ArrayList<>();
                for (JsonNode topic : data.path("sns").path("Topic")) {
                    if (topicArn.equals(topic.path("arn").asText())) {
                        // Each notification is [messageId, message, subject, attributes, groupId].
                        topic.path("sent_notifications").forEach(n -> messages.add(n.get(1).asText()));
                    }
                }
                return messages;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read moto's record of " + topicArn + ": " + e.getMessage(), e);
        }
    }

    /** Empties moto (every topic, queue and message of every service) and forgets the subscribed queues. */
    public void reset() {
        if (!post(port, "/moto-api/reset")) {
            throw new IllegalStateException("moto's server did not reset; see " + log());
        }
        queues.clear();
        received.clear();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        reset();
    }

    private void stop() {
        for (AutoCloseable client : clients) {
            closeQuietly(client);
        }
        closeQuietly(sns);
        closeQuietly(sqs);
        // Its standard input closing is what makes the server exit (a signal would leave Python a thread to kill).
        closeQuietly(process.getOutputStream());
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------- starting

    /** Starts a server with {@code python}; fails naming the install command if moto's server cannot run. */
    static MotoServer start(String python) {
        Path log = log();
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Process process;
            try {
                process = new ProcessBuilder(python, "-c", LAUNCHER, "-H", "127.0.0.1", "-p", Integer.toString(port))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(python + " could not be run (" + e.getMessage() + "): " + INSTALL_HINT, e);
            }
            if (awaitReady(process, port)) {
                return new MotoServer(process, port);
            }
            process.destroyForcibly();
            String notInstalled = importFailure(python);
            if (notInstalled != null) {
                throw new IllegalStateException("moto's server cannot run (" + notInstalled + "): " + INSTALL_HINT);
            }
            // Most likely another process took the port between freePort() and the server's start: try another.
            failure = new IllegalStateException("moto's server did not answer on port " + port + " within "
                    + START_TIMEOUT.toSeconds() + " s; see " + log);
        }
        throw failure;
    }

    /** Waits until the server answers on {@code port}; false if it exited or did not answer in time. */
    private static boolean awaitReady(Process process, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (post(port, "/moto-api/reset")) {
                return process.isAlive();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** {@code python3 -c "import moto.server"}: null when it works, else the last line of its error. */
    private static String importFailure(String python) {
        try {
            Process check = new ProcessBuilder(python, "-c", "import moto.server").redirectErrorStream(true).start();
            check.getOutputStream().close();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!check.waitFor(60, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return python + " -c 'import moto.server' did not finish";
            }
            if (check.exitValue() == 0) {
                return null;
            }
            String[] lines = output.split("\\R");
            return output.isEmpty() ? python + " -c 'import moto.server' exited with " + check.exitValue()
                    : lines[lines.length - 1];
        } catch (IOException e) {
            return python + " could not be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static boolean post(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(1_000);
            connection.setReadTimeout(30_000);
            connection.setDoOutput(true);
            connection.getOutputStream().close();
            int status = connection.getResponseCode();
            connection.getInputStream().readAllBytes();
            connection.disconnect();
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Stopping at JVM exit: nothing left to do with a client that fails to close.
        }
    }
}
