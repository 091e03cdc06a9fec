package dev.trailwatch.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * DynamoDB Local 2.x as a real HTTP server ({@code -inMemory -sharedDb -disableTelemetry -port N}) on a free port,
 * so clients go through the SDK's full HTTP stack.
 *
 * <p>Per test class: {@code @RegisterExtension static final DynamoDbLocalServer dynamo = new DynamoDbLocalServer();}
 * (started before the class, stopped after it). Per JVM: {@link #shared()} (never stopped by tests; tables outlive the
 * class, so use unique table names). Outside JUnit: the first {@link #endpoint()} / {@link #client} call starts it;
 * close it yourself.
 *
 * <p>{@code -sharedDb} makes every client see the same tables whatever its credentials and region (without it,
 * DynamoDB Local keeps one database per access key and region). DynamoDB Local never throttles and never reports
 * unprocessed items: use {@link FaultInjector} for that.
 */
public final class DynamoDbLocalServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String REGION = "us-east-1";

    private static DynamoDbLocalServer shared;

    private final boolean closeAfterAll;
    private final List<DynamoDbClient> clients = new CopyOnWriteArrayList<>();
    private DynamoDBProxyServer server;
    private int port;

    public DynamoDbLocalServer() {
        this(true);
    }

    private DynamoDbLocalServer(boolean closeAfterAll) {
        this.closeAfterAll = closeAfterAll;
    }

    /** One server for the whole test JVM, started on first use and stopped at JVM exit. */
    public static synchronized DynamoDbLocalServer shared() {
        if (shared == null) {
            DynamoDbLocalServer server = new DynamoDbLocalServer(false);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dynamodb-local-shutdown"));
            shared = server;
        }
        return shared;
    }

    /** Starts the server if it is not running yet. */
    public synchronized DynamoDbLocalServer start() {
        if (server != null) {
            return this;
        }
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int candidate = freePort();
            DynamoDBProxyServer candidateServer = null;
            try {
                candidateServer = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(candidate)});
                candidateServer.start();
                server = candidateServer;
                port = candidate;
                return this;
            } catch (Exception e) {
                // Most likely another process took the port between freePort() and start(): try another.
                last = e;
                stopQuietly(candidateServer);
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start", last);
    }

    /** {@code http://localhost:PORT}; starts the server if needed. */
    public URI endpoint() {
        start();
        return URI.create("http://localhost:" + port);
    }

    /**
     * A client builder set up for this server: url-connection HTTP client, static credentials, region us-east-1,
     * endpoint override; everything else (retry strategy included) is the SDK's default.
     */
    public DynamoDbClientBuilder clientBuilder() {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.of(REGION))
                .endpointOverride(endpoint());
    }

    /** A client from {@link #clientBuilder()} with the given interceptors; closed when the server closes. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        DynamoDbClient client = clientBuilder()
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .build();
        clients.add(client);
        return client;
    }

    /** Deletes every table (DynamoDB Local deletes at once), for tests sharing one server. */
    public void deleteAllTables() {
        try (DynamoDbClient client = clientBuilder().build()) {
            client.listTablesPaginator().tableNames().forEach(name -> client.deleteTable(b -> b.tableName(name)));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (closeAfterAll) {
            close();
        }
    }

    @Override
    public synchronized void close() {
        clients.forEach(DynamoDbClient::close);
        clients.clear();
        stopQuietly(server);
        server = null;
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception ignored) {
            // Stopping a server that failed to start may throw; nothing to clean up then.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
