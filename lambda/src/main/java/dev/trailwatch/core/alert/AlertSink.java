package dev.trailwatch.core.alert;

/** Where alerts go: SNS when deployed, a file when run locally. */
public interface AlertSink {

    /**
     * Publishes one alert and returns the message id. Throws on failure; the caller keeps the alert unsent
     * so that a retry sends it.
     */
    String publish(Alert alert);
}
