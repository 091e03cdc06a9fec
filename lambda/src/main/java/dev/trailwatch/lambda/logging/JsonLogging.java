package dev.trailwatch.lambda.logging;

/**
 * Makes the function's SLF4J output JSON lines. The provider is named through SLF4J's {@code slf4j.provider}
 * property rather than a service file, so that the module's plain jar (used by the local runner) does not
 * impose it on anyone else.
 */
public final class JsonLogging {

    private JsonLogging() {
    }

    /** Must run before the first logger is created: the handlers call it first thing in their class initializer. */
    public static void install() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", JsonLinesServiceProvider.class.getName());
        }
        // SLF4J would otherwise announce the choice on stderr, a line that is not JSON.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }
}
