package dev.trailwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP endpoint on 127.0.0.1 that an SNS topic (moto's) can subscribe over http or https: it answers every POST
 * with 200 and keeps the JSON body (SNS's notification document: Type, MessageId, Subject, Message, …) by path, so
 * that a test sees what a webhook or a chat service subscribed to the topic received. moto posts before it answers
 * Publish: nothing to wait for.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();

    private HttpEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Starts an endpoint on a free port. */
    public static HttpEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            HttpEndpoint endpoint = new HttpEndpoint(server);
            server.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    JsonNode document = JSON.readTree(body);
                    endpoint.received.computeIfAbsent(exchange.getRequestURI().getPath(),
                            p -> Collections.synchronizedList(new ArrayList<>())).add(document);
                    exchange.sendResponseHeaders(200, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The URL of {@code path} (starting with '/') on this endpoint, to subscribe. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The documents posted to {@code path} so far, in the order they came. */
    public List<JsonNode> postedTo(String path) {
        List<JsonNode> documents = received.get(path);
        if (documents == null) {
            return List.of();
        }
        synchronized (documents) {
            return List.copyOf(documents);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
