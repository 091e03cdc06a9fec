package dev.trailwatch.lambda;

import dev.trailwatch.testing.FaultInjector;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Per-key hooks on a real S3 client: GetObject of a denied key is answered 403 AccessDenied before anything is
 * sent (as S3 answers when the role or the KMS key policy refuses), and a callback runs after each GetObject.
 */
final class S3Hooks implements ExecutionInterceptor {

    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final AtomicInteger gets = new AtomicInteger();
    private volatile Consumer<String> afterGet = key -> { };

    void deny(String key) {
        denied.add(key);
    }

    void allowAll() {
        denied.clear();
    }

    void afterEachGet(Consumer<String> callback) {
        afterGet = callback;
    }

    /** GetObject calls that reached S3 (denied ones not counted). */
    int gets() {
        return gets.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetObjectRequest get && denied.contains(get.key())) {
            throw FaultInjector.serviceError(S3Exception::builder, "S3", 403, "AccessDenied", "Access Denied").get();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetObjectRequest get) {
            gets.incrementAndGet();
            afterGet.accept(get.key());
        }
    }
}
