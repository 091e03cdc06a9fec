package dev.trailwatch.testing;

/**
 * Thrown by {@link FaultInjector} to simulate the process dying right after an AWS call succeeded: the service did
 * the work, the caller never learns. Not an {@code SdkException}, so SDK retries and code catching
 * {@code SdkException} do not swallow it.
 */
public final class InjectedCrash extends RuntimeException {

    public InjectedCrash(String message) {
        super(message);
    }
}
