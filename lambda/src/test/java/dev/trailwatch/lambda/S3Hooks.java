package dev.trailwatch.lambda;

import dev.trailwatch.testing.FaultInjector;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Per-key hooks on a real S3 client: GetObject of a denied key is answered 403 AccessDenied before anything is
 * sent (as S3 answers when the role or the KMS key policy refuses), a key marked as SSE-KMS encrypted answers with
 * S3's encryption headers (S3Mock accepts no KMS key it does not manage), and a callback runs after each GetObject.
 */
final class S3Hooks implements ExecutionInterceptor {

    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, String> kmsKeys = new ConcurrentHashMap<>();
    private final AtomicInteger gets = new AtomicInteger();
    private volatile Consumer<String> afterGet = key -> { };

    void encryptedWithKms(String key, String kmsKeyArn) {
        kmsKeys.put(key, kmsKeyArn);
    }

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
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetObjectRequest get && kmsKeys.containsKey(get.key())) {
            return context.httpResponse().toBuilder()
                    .putHeader("x-amz-server-side-encryption", "aws:kms")
                    .putHeader("x-amz-server-side-encryption-aws-kms-key-id", kmsKeys.get(get.key()))
                    .build();
        }
        return context.httpResponse();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetObjectRequest get) {
            gets.incrementAndGet();
            afterGet.accept(get.key());
        }
    }
}
