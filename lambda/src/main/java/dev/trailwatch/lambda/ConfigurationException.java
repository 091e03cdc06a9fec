package dev.trailwatch.lambda;

/**
 * The function's environment is wrong: no invocation can succeed until the deployment is fixed, so this fails
 * the container's start instead of every message.
 */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
