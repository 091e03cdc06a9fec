package dev.trailwatch.lambda.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the one summary line per EventBridge event: its source, the record's eventName and eventID, the counts
 * and, when it is handed back, why. Never more of the record, so requestParameters cannot leak here.
 */
public final class EventSummaryLog {

    private static final Logger LOG = LoggerFactory.getLogger(EventSummaryLog.class);

    public EventOutcome write(EventOutcome outcome) {
        LoggingEventBuilder line = LOG.atLevel(outcome.retryable() ? Level.WARN : Level.INFO)
                .addKeyValue("source", outcome.source())
                .addKeyValue("eventName", outcome.eventName())
                .addKeyValue("eventID", outcome.eventId())
                .addKeyValue("outcome", outcome.retryable() ? "failed" : "processed");
        if (outcome.retryable()) {
            line = line.addKeyValue("retryable", true).addKeyValue("reason", outcome.reason());
        } else {
            line = line.addKeyValue("events", outcome.events())
                    .addKeyValue("stored", outcome.stored())
                    .addKeyValue("alerts", outcome.alerts())
                    .addKeyValue("rejected", outcome.rejected().size());
        }
        line.addKeyValue("millis", outcome.millis()).log(outcome.retryable() ? "event failed" : "event processed");
        for (String reason : outcome.rejected()) {
            LOG.atWarn().addKeyValue("source", outcome.source()).addKeyValue("reason", reason).log("record not stored");
        }
        return outcome;
    }
}
