package dev.trailwatch.lambda.report;

import dev.trailwatch.lambda.input.S3ObjectRef;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the one summary line per file (and a line per record the core could not store). Only names, counts
 * and reasons go in: never a record's content, so requestParameters and responseElements cannot leak here.
 */
public final class FileSummaryLog {

    /** A file with thousands of unstorable records would otherwise flood the log; the count is always given. */
    static final int MAX_REJECTED_LINES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(FileSummaryLog.class);

    public FileOutcome write(FileOutcome outcome, Level level) {
        LoggingEventBuilder line = LOG.atLevel(level)
                .addKeyValue("bucket", outcome.bucket())
                .addKeyValue("key", outcome.key())
                .addKeyValue("outcome", outcome.outcome().label());
        if (outcome.outcome() == FileOutcome.Outcome.FAILED) {
            line = line.addKeyValue("retryable", outcome.retryable());
        }
        if (outcome.outcome() != FileOutcome.Outcome.SKIPPED || outcome.records() > 0) {
            line = line.addKeyValue("records", outcome.records())
                    .addKeyValue("events", outcome.events())
                    .addKeyValue("stored", outcome.stored())
                    .addKeyValue("alerts", outcome.alerts())
                    .addKeyValue("decompressedBytes", outcome.decompressedBytes())
                    .addKeyValue("rejected", outcome.rejected());
        }
        if (outcome.watchedAlerts() > 0) {
            line = line.addKeyValue("watchedAlerts", outcome.watchedAlerts());
        }
        if (!outcome.canaryLagSeconds().isEmpty()) {
            line = line.addKeyValue("canaryLagSeconds", outcome.canaryLagSeconds().toString());
        }
        if (outcome.reason() != null) {
            line = line.addKeyValue("reason", outcome.reason());
        }
        line.addKeyValue("millis", outcome.millis()).log("file " + outcome.outcome().label());
        return outcome;
    }

    /** The core's reasons name the record by eventName and eventID only. */
    public void rejected(S3ObjectRef ref, List<String> reasons) {
        for (int i = 0; i < Math.min(reasons.size(), MAX_REJECTED_LINES); i++) {
            LOG.atWarn().addKeyValue("bucket", ref.bucket()).addKeyValue("key", ref.key())
                    .addKeyValue("reason", reasons.get(i)).log("record not stored");
        }
        if (reasons.size() > MAX_REJECTED_LINES) {
            LOG.atWarn().addKeyValue("bucket", ref.bucket()).addKeyValue("key", ref.key())
                    .addKeyValue("notShown", reasons.size() - MAX_REJECTED_LINES).log("more records not stored");
        }
    }
}
