package dev.trailwatch.testing;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * One {@link FaultInjector} for every SDK client of the JVM, for the clients that the code under test builds
 * itself ({@code AwsClients.fromEnvironment}, the function started from its jar in a JVM of its own), which a test
 * cannot hand an interceptor. The SDK adds each class named in the class path resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} to every client it builds: a test module
 * that needs this class names it there, in its test resources. Unarmed, it only counts; arm and read it through
 * {@link #faults()}, and reset it after use.
 */
public final class GlobalFaultInjector implements ExecutionInterceptor {

    private static final FaultInjector FAULTS = new FaultInjector();

    /** The injector that every client's instance of this class delegates to. */
    public static FaultInjector faults() {
        return FAULTS;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        FAULTS.beforeExecution(context, attributes);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return FAULTS.modifyRequest(context, attributes);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        FAULTS.beforeTransmission(context, attributes);
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        return FAULTS.modifyResponse(context, attributes);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        FAULTS.afterExecution(context, attributes);
    }
}
