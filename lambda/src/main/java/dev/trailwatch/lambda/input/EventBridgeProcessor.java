package dev.trailwatch.lambda.input;

import dev.trailwatch.core.FileResult;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.RetryableProcessingException;
import dev.trailwatch.core.event.TrailEventReader;
import dev.trailwatch.lambda.report.EventOutcome;
import dev.trailwatch.lambda.report.EventSummaryLog;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one EventBridge event into an outcome: its record through the core, and every failure handed back to the
 * queue, since each is either transient or a bug that should end in the dead-letter queue. Writes its summary line.
 */
public final class EventBridgeProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeProcessor.class);

    private final LogFileProcessor core;
    private final EventSummaryLog summaries;

    public EventBridgeProcessor(LogFileProcessor core, EventSummaryLog summaries) {
        this.core = core;
        this.summaries = summaries;
    }

    /** @param deadline when the invocation's time is up: the core stops short of it and hands the event back */
    public EventOutcome process(EventBridgeEvent event, Instant deadline) {
        long start = System.nanoTime();
        String name = TrailEventReader.text(event.detail(), "eventName");
        String id = TrailEventReader.text(event.detail(), "eventID");
        try {
            FileResult result = core.processRecord(event.detail(), event.source(), deadline);
            return summaries.write(EventOutcome.of(name, id, result, millisSince(start)));
        } catch (RetryableProcessingException e) {
            return summaries.write(EventOutcome.retry(event.source(), name, id, e.getMessage(), millisSince(start)));
        } catch (RuntimeException e) {
            // Not a known failure: hand it back so it ends in the dead-letter queue rather than being lost.
            LOG.error("unexpected error while processing {}", event.source(), e);
            return summaries.write(EventOutcome.retry(event.source(), name, id, "unexpected error: " + e,
                    millisSince(start)));
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
