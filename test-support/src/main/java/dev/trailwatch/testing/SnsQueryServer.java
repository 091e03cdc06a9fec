package dev.trailwatch.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * A stand-in for Amazon SNS that speaks the AWS Query protocol exactly as the SDK v2 {@code SnsClient} sends it:
 * {@code POST /} with a {@code application/x-www-form-urlencoded; charset=utf-8} body
 * ({@code Action=Publish&Version=2010-03-31&TopicArn=…&Message=…&MessageAttributes.entry.1.Name=…}) answered with
 * SNS's XML documents ({@code <PublishResponse><PublishResult><MessageId>…}) and, for errors, the Query
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>} shape, so the SDK's own
 * marshallers, unmarshallers, error mapping and retry strategy run for real.
 *
 * <p>Supports CreateTopic, Publish and PublishBatch. Publishing to a topic that was not created answers 404 NotFound
 * like SNS: create topics first, through the client or with {@link #createTopic(String)}. Requests are validated the
 * way SNS does (subject, size, attribute rules, batch rules; see {@link #publish}). Every HTTP request is recorded
 * ({@link #requests()}), every accepted message too ({@link #published()}).
 *
 * <p>Use it with try-with-resources or as {@code @RegisterExtension static final SnsQueryServer sns = new
 * SnsQueryServer();} — it then clears recorded messages, requests and pending faults before each test (topics stay)
 * and stops after the class.
 */
public final class SnsQueryServer implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "123456789012";
    /** The largest message SNS accepts, in bytes: body plus message attribute names, types and values. */
    public static final int MAX_MESSAGE_BYTES = 262_144;
    public static final int MAX_SUBJECT_CHARS = 100;
    public static final int MAX_BATCH_ENTRIES = 10;

    private static final String XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    /** One message attribute as SNS stores it. {@code binaryValue} is set for {@code Binary} types only. */
    public record MessageAttribute(String dataType, String stringValue, SdkBytes binaryValue) {
        public static MessageAttribute string(String value) {
            return new MessageAttribute("String", value, null);
        }

        public static MessageAttribute number(String value) {
            return new MessageAttribute("Number", value, null);
        }
    }

    /**
     * A message SNS accepted. {@code batchEntryId} is the PublishBatch entry id ({@code null} for Publish);
     * {@code signed} tells whether the request carried an {@code Authorization} header.
     */
    public record PublishedMessage(
            String topicArn,
            String messageId,
            String subject,
            String message,
            Map<String, MessageAttribute> messageAttributes,
            String messageStructure,
            String messageGroupId,
            String messageDeduplicationId,
            String batchEntryId,
            boolean signed) {
    }

    /**
     * One HTTP request as received, with the status, AWS error code (null on success) and request id
     * ({@code x-amzn-RequestId}) it was answered with.
     */
    public record RecordedRequest(
            String method,
            String path,
            String contentType,
            String authorization,
            String body,
            Map<String, String> params,
            int status,
            String errorCode,
            String requestId) {

        public String action() {
            return params.get("Action");
        }

        public boolean signed() {
            return authorization != null;
        }
    }

    private record Fault(int status, String code, String message) {
    }

    private record BatchEntryFault(String code, String message, boolean senderFault) {
    }

    /** An SNS error answer. */
    private static final class SnsError extends RuntimeException {
        final int status;
        final String code;

        SnsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<PublishedMessage> published = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Deque<BatchEntryFault> batchEntryFaults = new ArrayDeque<>();
    private final List<SnsClient> clients = new CopyOnWriteArrayList<>();

    /** Starts the server on 127.0.0.1 on a free port. */
    public SnsQueryServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sns-query-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint to give the SDK's {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * A client builder set up for this server: url-connection HTTP client, static credentials, region us-east-1,
     * endpoint override; everything else (retry strategy included) is the SDK's default.
     */
    public SnsClientBuilder clientBuilder() {
        return SnsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.of(REGION))
                .endpointOverride(endpoint());
    }

    /** A client from {@link #clientBuilder()} with the given interceptors; closed when the server closes. */
    public SnsClient client(ExecutionInterceptor... interceptors) {
        SnsClient client = clientBuilder()
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .build();
        clients.add(client);
        return client;
    }

    /** Creates a topic without going through HTTP and returns its ARN (idempotent, like CreateTopic). */
    public String createTopic(String name) {
        if (!TOPIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid topic name: " + name);
        }
        String arn = "arn:aws:sns:" + REGION + ":" + ACCOUNT_ID + ":" + name;
        topics.add(arn);
        return arn;
    }

    /** Messages accepted so far, in order. */
    public List<PublishedMessage> published() {
        return List.copyOf(published);
    }

    /** Messages accepted so far for one topic, in order. */
    public List<PublishedMessage> publishedTo(String topicArn) {
        return published.stream().filter(m -> topicArn.equals(m.topicArn())).toList();
    }

    /** Every HTTP request received so far (including those answered with an error), in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** HTTP requests received so far for one Query action (e.g. "Publish"), including failed ones. */
    public List<RecordedRequest> requests(String action) {
        return requests.stream().filter(r -> action.equals(r.action())).toList();
    }

    /**
     * Answers the next {@code n} requests (of any action) with an SNS error and records nothing for them: e.g.
     * {@code failNext(2, 500, "InternalError")}, {@code failNext(1, 400, "Throttling")},
     * {@code failNext(1, 429, "Throttled")}, {@code failNext(1, 400, "InvalidParameter")}. The error Type is Sender
     * for 4xx and Receiver for 5xx.
     */
    public void failNext(int n, int httpStatus, String awsErrorCode) {
        failNext(n, httpStatus, awsErrorCode, defaultMessage(awsErrorCode));
    }

    public void failNext(int n, int httpStatus, String awsErrorCode, String message) {
        synchronized (faults) {
            for (int i = 0; i < n; i++) {
                faults.add(new Fault(httpStatus, awsErrorCode, message));
            }
        }
    }

    /**
     * Reports the next {@code n} PublishBatch entries (counted across batches) in the response's {@code Failed}
     * list instead of publishing them — SNS's partial batch failure. E.g.
     * {@code failNextBatchEntries(1, "InternalError", false)}.
     */
    public void failNextBatchEntries(int n, String code, boolean senderFault) {
        synchronized (batchEntryFaults) {
            for (int i = 0; i < n; i++) {
                batchEntryFaults.add(new BatchEntryFault(code, defaultMessage(code), senderFault));
            }
        }
    }

    /** Forgets recorded messages, requests and pending faults; topics stay. */
    public void reset() {
        published.clear();
        requests.clear();
        synchronized (faults) {
            faults.clear();
        }
        synchronized (batchEntryFaults) {
            batchEntryFaults.clear();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        clients.forEach(SnsClient::close);
        clients.clear();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------- HTTP handling

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String query = exchange.getRequestURI().getRawQuery();
            // The Query protocol allows parameters in the URL too; the SDK puts them in the form body.
            Map<String, String> params = parseForm(query == null ? body : query + "&" + body);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String requestId = UUID.randomUUID().toString();

            int status;
            String errorCode = null;
            String xml;
            try {
                Fault fault;
                synchronized (faults) {
                    fault = faults.poll();
                }
                if (fault != null) {
                    throw new SnsError(fault.status(), fault.code(), fault.message());
                }
                xml = dispatch(params, authorization != null, requestId);
                status = 200;
            } catch (SnsError e) {
                status = e.status;
                errorCode = e.code;
                xml = errorXml(e, requestId);
            }
            requests.add(new RecordedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    authorization,
                    body,
                    Collections.unmodifiableMap(params),
                    status,
                    errorCode,
                    requestId));

            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String dispatch(Map<String, String> params, boolean signed, String requestId) {
        String action = params.get("Action");
        if (action == null) {
            throw new SnsError(400, "MissingAction", "Could not find operation for request");
        }
        return switch (action) {
            case "CreateTopic" -> createTopicXml(params, requestId);
            case "Publish" -> publish(params, signed, requestId);
            case "PublishBatch" -> publishBatch(params, signed, requestId);
            default -> throw new SnsError(400, "InvalidAction",
                    "The action " + action + " is not valid for this web service.");
        };
    }

    private String createTopicXml(Map<String, String> params, String requestId) {
        String name = params.get("Name");
        if (name == null || !TOPIC_NAME.matcher(name).matches()) {
            throw invalidParameter("Invalid parameter: Topic Name");
        }
        String arn = createTopic(name);
        return "<CreateTopicResponse xmlns=\"" + XMLNS + "\"><CreateTopicResult><TopicArn>" + escape(arn)
                + "</TopicArn></CreateTopicResult>" + metadata(requestId) + "</CreateTopicResponse>";
    }

    /**
     * Publish, validated like SNS: the message must be non-empty and, with its attributes, at most
     * {@value #MAX_MESSAGE_BYTES} bytes ("Invalid parameter: Message too long"); a subject must be non-empty
     * printable ASCII (no line breaks or control characters, not starting with a space), at most
     * {@value #MAX_SUBJECT_CHARS} characters ("Invalid parameter: Subject"); attribute names and types are checked
     * and empty or non-numeric values rejected with ParameterValueInvalid; the topic must exist (404 NotFound).
     */
    private String publish(Map<String, String> params, boolean signed, String requestId) {
        String topicArn = params.containsKey("TopicArn") ? params.get("TopicArn") : params.get("TargetArn");
        if (topicArn == null) {
            throw invalidParameter(params.containsKey("PhoneNumber")
                    ? "Invalid parameter: PhoneNumber (this stand-in only publishes to topics)"
                    : "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        PublishedMessage message = validatedMessage(params, "", topicArn, null, signed);
        requireTopic(topicArn);
        published.add(message);
        return "<PublishResponse xmlns=\"" + XMLNS + "\"><PublishResult><MessageId>" + message.messageId()
                + "</MessageId></PublishResult>" + metadata(requestId) + "</PublishResponse>";
    }

    /**
     * PublishBatch, validated like SNS: 1 to {@value #MAX_BATCH_ENTRIES} entries (EmptyBatchRequest,
     * TooManyEntriesInBatchRequest), distinct ids (BatchEntryIdsNotDistinct) of at most 80 alphanumerics, hyphens
     * and underscores (InvalidBatchEntryId), each entry valid as for Publish (an invalid entry fails the whole
     * request), all messages together at most {@value #MAX_MESSAGE_BYTES} bytes (BatchRequestTooLong).
     */
    private String publishBatch(Map<String, String> params, boolean signed, String requestId) {
        String topicArn = params.get("TopicArn");
        if (topicArn == null) {
            throw invalidParameter("Invalid parameter: TopicArn");
        }
        List<String> prefixes = new ArrayList<>();
        for (int i = 1; params.containsKey("PublishBatchRequestEntries.member." + i + ".Id"); i++) {
            prefixes.add("PublishBatchRequestEntries.member." + i + ".");
        }
        if (prefixes.isEmpty()) {
            throw new SnsError(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (prefixes.size() > MAX_BATCH_ENTRIES) {
            throw new SnsError(400, "TooManyEntriesInBatchRequest",
                    "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        List<PublishedMessage> messages = new ArrayList<>();
        long totalBytes = 0;
        for (String prefix : prefixes) {
            String id = params.get(prefix + "Id");
            if (!BATCH_ENTRY_ID.matcher(id).matches()) {
                throw new SnsError(400, "InvalidBatchEntryId", "A batch entry id can only contain alphanumeric"
                        + " characters, hyphens and underscores. It can be at most 80 letters long.");
            }
            if (!ids.add(id)) {
                throw new SnsError(400, "BatchEntryIdsNotDistinct",
                        "Two or more batch entries in the request have the same Id.");
            }
            PublishedMessage message = validatedMessage(params, prefix, topicArn, id, signed);
            totalBytes += size(message);
            messages.add(message);
        }
        if (totalBytes > MAX_MESSAGE_BYTES) {
            throw new SnsError(400, "BatchRequestTooLong",
                    "The length of all the messages put together is more than the limit.");
        }
        requireTopic(topicArn);

        StringBuilder successful = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        for (PublishedMessage message : messages) {
            BatchEntryFault fault;
            synchronized (batchEntryFaults) {
                fault = batchEntryFaults.poll();
            }
            if (fault != null) {
                failed.append("<member><Id>").append(escape(message.batchEntryId())).append("</Id><Code>")
                        .append(escape(fault.code())).append("</Code><Message>").append(escape(fault.message()))
                        .append("</Message><SenderFault>").append(fault.senderFault())
                        .append("</SenderFault></member>");
            } else {
                published.add(message);
                successful.append("<member><Id>").append(escape(message.batchEntryId())).append("</Id><MessageId>")
                        .append(message.messageId()).append("</MessageId></member>");
            }
        }
        return "<PublishBatchResponse xmlns=\"" + XMLNS + "\"><PublishBatchResult><Successful>" + successful
                + "</Successful><Failed>" + failed + "</Failed></PublishBatchResult>" + metadata(requestId)
                + "</PublishBatchResponse>";
    }

    private PublishedMessage validatedMessage(
            Map<String, String> params, String prefix, String topicArn, String batchEntryId, boolean signed) {
        String message = params.get(prefix + "Message");
        if (message == null || message.isEmpty()) {
            throw invalidParameter("Invalid parameter: Empty message");
        }
        String subject = params.get(prefix + "Subject");
        if (subject != null && !validSubject(subject)) {
            throw invalidParameter("Invalid parameter: Subject");
        }
        Map<String, MessageAttribute> attributes = messageAttributes(params, prefix + "MessageAttributes.entry.");
        PublishedMessage published = new PublishedMessage(
                topicArn,
                UUID.randomUUID().toString(),
                subject,
                message,
                attributes,
                params.get(prefix + "MessageStructure"),
                params.get(prefix + "MessageGroupId"),
                params.get(prefix + "MessageDeduplicationId"),
                batchEntryId,
                signed);
        if (size(published) > MAX_MESSAGE_BYTES) {
            throw invalidParameter("Invalid parameter: Message too long");
        }
        return published;
    }

    private static boolean validSubject(String subject) {
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_CHARS || subject.charAt(0) == ' ') {
            return false;
        }
        return subject.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    private static Map<String, MessageAttribute> messageAttributes(Map<String, String> params, String prefix) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (int i = 1; params.containsKey(prefix + i + ".Name"); i++) {
            String name = params.get(prefix + i + ".Name");
            String type = params.get(prefix + i + ".Value.DataType");
            String stringValue = params.get(prefix + i + ".Value.StringValue");
            String binaryValue = params.get(prefix + i + ".Value.BinaryValue");
            if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
                    || name.contains("..") || name.startsWith("AWS.") || name.startsWith("Amazon.")) {
                throw parameterValueInvalid("The message attribute name '" + name + "' is invalid. Attribute name"
                        + " can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.");
            }
            if (type == null || type.isEmpty()) {
                throw parameterValueInvalid(
                        "The message attribute '" + name + "' must contain non-empty message attribute type.");
            }
            String base = type.split("\\.", 2)[0];
            if (!base.equals("String") && !base.equals("Number") && !base.equals("Binary")) {
                throw parameterValueInvalid("The message attribute '" + name + "' has an invalid message attribute"
                        + " type, the set of supported type prefixes is Binary, Number, and String.");
            }
            boolean binary = base.equals("Binary");
            String value = binary ? binaryValue : stringValue;
            if (value == null || value.isEmpty()) {
                throw parameterValueInvalid("The message attribute '" + name + "' must contain non-empty message"
                        + " attribute value for message attribute type '" + type + "'.");
            }
            if (base.equals("Number")) {
                try {
                    new java.math.BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw parameterValueInvalid(
                            "Could not cast message attribute '" + name + "' value to number.");
                }
            }
            attributes.put(name, binary
                    ? new MessageAttribute(type, null, SdkBytes.fromByteArray(Base64.getDecoder().decode(value)))
                    : new MessageAttribute(type, value, null));
        }
        return Collections.unmodifiableMap(attributes);
    }

    private static long size(PublishedMessage message) {
        long size = message.message().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> e : message.messageAttributes().entrySet()) {
            MessageAttribute a = e.getValue();
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + a.dataType().getBytes(StandardCharsets.UTF_8).length
                    + (a.binaryValue() != null
                            ? a.binaryValue().asByteArrayUnsafe().length
                            : a.stringValue().getBytes(StandardCharsets.UTF_8).length);
        }
        return size;
    }

    private void requireTopic(String topicArn) {
        if (!topics.contains(topicArn)) {
            throw new SnsError(404, "NotFound", "Topic does not exist");
        }
    }

    private static SnsError invalidParameter(String message) {
        return new SnsError(400, "InvalidParameter", message);
    }

    private static SnsError parameterValueInvalid(String message) {
        return new SnsError(400, "ParameterValueInvalid", message);
    }

    private static String defaultMessage(String code) {
        return switch (code) {
            case "InternalError", "InternalFailure" -> "Internal Error";
            case "Throttling" -> "Rate exceeded";
            case "Throttled" -> "Rate exceeded";
            case "InvalidParameter" -> "Invalid parameter";
            default -> code + " (injected by SnsQueryServer)";
        };
    }

    private static String errorXml(SnsError e, String requestId) {
        return "<ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>" + (e.status >= 500 ? "Receiver" : "Sender")
                + "</Type><Code>" + escape(e.code) + "</Code><Message>" + escape(e.getMessage())
                + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    }

    private static String metadata(String requestId) {
        return "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>";
    }

    private static Map<String, String> parseForm(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
