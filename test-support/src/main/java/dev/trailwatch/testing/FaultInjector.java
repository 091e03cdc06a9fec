package dev.trailwatch.testing;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Fault injection around real SDK clients (DynamoDB, SNS, S3…), keyed by operation name ("PutItem",
 * "BatchWriteItem", "UpdateItem", "Publish"…). Register it on a client:
 * {@code dynamo.client(faults)} or {@code .overrideConfiguration(o -> o.addExecutionInterceptor(faults))}.
 *
 * <ul>
 *   <li>{@link #failAttempts} — the next N HTTP attempts of an operation throw an exception built like the service's
 *       own (see the factories: {@link #dynamoDbThrottling()}…), before anything is sent. It is thrown inside the
 *       SDK's retry loop, so the client's retry strategy decides, exactly as for a real error: with retries left the
 *       call may still succeed.</li>
 *   <li>{@link #reportHalfUnprocessed} — the next N BatchWriteItem calls send only the first half of their items
 *       (rounded up) and report the other half in {@code unprocessedItems}; those items are really not written.</li>
 *   <li>{@link #crashAfterSuccessfulCall} — when the Nth call of an operation has succeeded (the write is done), the
 *       caller gets an {@link InjectedCrash} instead of the response.</li>
 * </ul>
 * Counters: {@link #calls} (API calls started), {@link #attempts} (HTTP attempts, injected failures included),
 * {@link #successes}, {@link #injectedFailures}. Thread-safe; one instance may serve several clients.
 */
public final class FaultInjector implements ExecutionInterceptor {

    /** One per injector: two on one client (one of them a {@link GlobalFaultInjector}) keep out of each other's way. */
    private final ExecutionAttribute<Map<String, List<WriteRequest>>> heldBackAttribute =
            new ExecutionAttribute<>("dev.trailwatch.testing.FaultInjector.heldBack." + UUID.randomUUID());

    private final Map<String, Deque<Supplier<? extends SdkException>>> attemptFaults = new HashMap<>();
    private final Map<String, Set<Integer>> crashes = new HashMap<>();
    private int halfUnprocessedCalls;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> injectedFailures = new ConcurrentHashMap<>();

    // ------------------------------------------------------------------------------------------------ arming

    /** The next {@code n} HTTP attempts of {@code operation} throw {@code error.get()}. Returns this. */
    public synchronized FaultInjector failAttempts(String operation, int n, Supplier<? extends SdkException> error) {
        Deque<Supplier<? extends SdkException>> queue = attemptFaults.computeIfAbsent(operation, k -> new ArrayDeque<>());
        for (int i = 0; i < n; i++) {
            queue.add(error);
        }
        return this;
    }

    /**
     * The next {@code calls} BatchWriteItem calls write only the first half of their items (rounded up, in request
     * order across tables) and report the rest as {@code unprocessedItems}, like DynamoDB under load. A call with a
     * single item has nothing to hold back but still uses up one of the {@code calls}. Returns this.
     */
    public synchronized FaultInjector reportHalfUnprocessed(int calls) {
        halfUnprocessedCalls += calls;
        return this;
    }

    /**
     * When the {@code nth} call (1-based, counted from now on the {@link #successes} counter) of {@code operation}
     * succeeds, throw {@link InjectedCrash} to the caller: the service has done the work, the caller never sees the
     * response. Returns this.
     */
    public synchronized FaultInjector crashAfterSuccessfulCall(String operation, int nth) {
        crashes.computeIfAbsent(operation, k -> new HashSet<>()).add(successes(operation) + nth);
        return this;
    }

    /** Drops armed faults and zeroes the counters. */
    public synchronized void reset() {
        attemptFaults.clear();
        crashes.clear();
        halfUnprocessedCalls = 0;
        calls.clear();
        attempts.clear();
        successes.clear();
        injectedFailures.clear();
    }

    // ---------------------------------------------------------------------------------------------- counters

    /** API calls of {@code operation} started (one per client method invocation, retries not counted). */
    public int calls(String operation) {
        return count(calls, operation);
    }

    /** HTTP attempts of {@code operation}, retries and attempts failed by this injector included. */
    public int attempts(String operation) {
        return count(attempts, operation);
    }

    /** Calls of {@code operation} that got a successful response (crashed ones included). */
    public int successes(String operation) {
        return count(successes, operation);
    }

    /** Attempts of {@code operation} failed by {@link #failAttempts}. */
    public int injectedFailures(String operation) {
        return count(injectedFailures, operation);
    }

    private static int count(Map<String, AtomicInteger> counters, String operation) {
        AtomicInteger counter = counters.get(operation);
        return counter == null ? 0 : counter.get();
    }

    private static int increment(Map<String, AtomicInteger> counters, String operation) {
        return counters.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    // ------------------------------------------------------------------------------------- interceptor hooks

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        increment(calls, operation(attributes));
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof BatchWriteItemRequest request) || !takeHalfUnprocessedCall()) {
            return context.request();
        }
        List<Map.Entry<String, WriteRequest>> items = new ArrayList<>();
        request.requestItems().forEach((table, writes) -> writes.forEach(w -> items.add(Map.entry(table, w))));
        int keep = (items.size() + 1) / 2;
        if (keep == items.size()) {
            return request;
        }
        Map<String, List<WriteRequest>> sent = new LinkedHashMap<>();
        Map<String, List<WriteRequest>> heldBack = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Map.Entry<String, WriteRequest> item = items.get(i);
            (i < keep ? sent : heldBack).computeIfAbsent(item.getKey(), k -> new ArrayList<>()).add(item.getValue());
        }
        attributes.putAttribute(heldBackAttribute, heldBack);
        return request.toBuilder().requestItems(sent).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = operation(attributes);
        increment(attempts, operation);
        Supplier<? extends SdkException> fault = takeAttemptFault(operation);
        if (fault != null) {
            increment(injectedFailures, operation);
            throw fault.get();
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<String, List<WriteRequest>> heldBack = attributes.getAttribute(heldBackAttribute);
        if (heldBack == null || !(context.response() instanceof BatchWriteItemResponse response)) {
            return context.response();
        }
        Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>();
        response.unprocessedItems().forEach((table, writes) -> unprocessed.put(table, new ArrayList<>(writes)));
        heldBack.forEach((table, writes) -> unprocessed.computeIfAbsent(table, k -> new ArrayList<>()).addAll(writes));
        return response.toBuilder().unprocessedItems(unprocessed).build();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = operation(attributes);
        int success = increment(successes, operation);
        if (takeCrash(operation, success)) {
            throw new InjectedCrash("Injected crash after successful " + operation + " call #" + success);
        }
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private synchronized boolean takeHalfUnprocessedCall() {
        if (halfUnprocessedCalls == 0) {
            return false;
        }
        halfUnprocessedCalls--;
        return true;
    }

    private synchronized Supplier<? extends SdkException> takeAttemptFault(String operation) {
        Deque<Supplier<? extends SdkException>> queue = attemptFaults.get(operation);
        return queue == null ? null : queue.poll();
    }

    private synchronized boolean takeCrash(String operation, int success) {
        Set<Integer> armed = crashes.get(operation);
        return armed != null && armed.remove(success);
    }

    // ------------------------------------------------------------------------------------ exception factories

    /** DynamoDB's 400 {@code ProvisionedThroughputExceededException} (provisioned tables; the SDK retries it). */
    public static Supplier<SdkException> dynamoDbThrottling() {
        return serviceError(ProvisionedThroughputExceededException::builder, "DynamoDb", 400,
                "ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded. Consider increasing your"
                        + " provisioning level with the UpdateTable API.");
    }

    /** DynamoDB's 400 {@code ThrottlingException} (on-demand tables; the SDK retries it). */
    public static Supplier<SdkException> dynamoDbThrottlingException() {
        return serviceError(ThrottlingException::builder, "DynamoDb", 400, "ThrottlingException",
                "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling"
                        + " your table or index so please try again shortly.");
    }

    /** DynamoDB's 500 {@code InternalServerError} (the SDK retries it). */
    public static Supplier<SdkException> dynamoDbInternalError() {
        return serviceError(InternalServerErrorException::builder, "DynamoDb", 500, "InternalServerError",
                "Internal server error");
    }

    /** A DynamoDB error with any status and code, as a {@link DynamoDbException}. */
    public static Supplier<SdkException> dynamoDbError(int status, String code, String message) {
        return serviceError(DynamoDbException::builder, "DynamoDb", status, code, message);
    }

    /** SNS's 500 {@code InternalError} (the SDK retries it). */
    public static Supplier<SdkException> snsInternalError() {
        return serviceError(InternalErrorException::builder, "Sns", 500, "InternalError", "Internal Error");
    }

    /** SNS's 400 {@code Throttling} (the SDK retries it). */
    public static Supplier<SdkException> snsThrottling() {
        return serviceError(SnsException::builder, "Sns", 400, "Throttling", "Rate exceeded");
    }

    /** A connection reset before any response: an {@link SdkClientException} with an IOException cause (retried). */
    public static Supplier<SdkException> connectionReset() {
        return () -> SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection reset (injected)")
                .cause(new IOException("Connection reset (injected)"))
                .build();
    }

    /**
     * Any service error, built like the SDK's unmarshaller builds one: the service's own exception type, status
     * code, error code and message in {@link AwsErrorDetails}, a request id.
     */
    public static Supplier<SdkException> serviceError(
            Supplier<? extends AwsServiceException.Builder> builder,
            String serviceName,
            int status,
            String code,
            String message) {
        return () -> builder.get()
                .message(message)
                .statusCode(status)
                .requestId(UUID.randomUUID().toString())
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName(serviceName)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                        .build())
                .build();
    }
}
